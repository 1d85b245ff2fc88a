using System.Buffers;
using BenchmarkDotNet.Attributes;

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
        _event = File.ReadAllBytes(Path.Combine(Repository.Events, Sample));
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
}
