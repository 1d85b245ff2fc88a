using BenchmarkDotNet.Running;
using SigninToSlack.Benchmarks.ColdStart;

// "coldstart" runs the cold-start harness; anything else goes to BenchmarkDotNet (e.g. --filter '*Pipeline*').
if (args is ["coldstart", .. var rest])
{
    return await ColdStartHarness.RunAsync(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(SigninToSlack.Benchmarks.PipelineBenchmarks).Assembly).Run(args);
return 0;
