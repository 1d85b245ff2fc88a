using System.Buffers;
using BenchmarkDotNet.Attributes;
using SigninToSlack.Pipeline;

namespace SigninToSlack.Benchmarks;

/// <summary>
/// The whole per-event path, from the event's UTF-8 bytes to the UTF-8 bytes of the Slack payload that
/// would be POSTed: envelope, parse, classify, format, serialize. No network.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private readonly ArrayBufferWriter<byte> _payload = new(4096);
    private byte[] _event = [];

    [Params("iam-user-failure.json", "root-success.json", "identity-center-user-authentication.json", "sns-iam-user-failure.json")]
    public string Sample { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _event = File.ReadAllBytes(Path.Combine(FindEvents(), Sample));
        if (Pipeline() == 0)
        {
            throw new InvalidOperationException($"{Sample} produced no payload");
        }
    }

    [Benchmark]
    public int Pipeline()
    {
        _payload.ResetWrittenCount();
        return PayloadPipeline.WriteAll(_event, _payload);
    }

    internal static string FindEvents()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var events = Path.Combine(dir.FullName, "events");
            if (File.Exists(Path.Combine(dir.FullName, "SigninToSlack.sln")) && Directory.Exists(events))
            {
                return events;
            }
        }

        throw new InvalidOperationException("events/ not found above " + AppContext.BaseDirectory);
    }
}
