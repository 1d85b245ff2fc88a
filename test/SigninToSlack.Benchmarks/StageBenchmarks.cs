using System.Buffers;
using BenchmarkDotNet.Attributes;
using SigninToSlack.Alerts;
using SigninToSlack.Events;
using SigninToSlack.Formatting;

namespace SigninToSlack.Benchmarks;

/// <summary>The pipeline's stages one by one, to see where the time of <see cref="PipelineBenchmarks"/> goes.</summary>
[MemoryDiagnoser]
public class StageBenchmarks
{
    private readonly ArrayBufferWriter<byte> _payload = new(4096);
    private byte[] _event = [];
    private SigninRecord _record;
    private SigninAlert _alert = null!;

    [GlobalSetup]
    public void Setup()
    {
        _event = File.ReadAllBytes(Path.Combine(Repository.Events, "iam-user-failure.json"));
        _record = SigninEventReader.Read(_event);
        _alert = AlertClassifier.Classify(in _record).Alert!;
    }

    [Benchmark]
    public int Detect() => (int)EnvelopeDetector.Detect(_event);

    [Benchmark]
    public string? Read() => SigninEventReader.Read(_event).UserAgent;

    [Benchmark]
    public int Classify() => (int)AlertClassifier.Classify(in _record).Alert!.Severity;

    [Benchmark]
    public int Format()
    {
        _payload.ResetWrittenCount();
        return SlackFormatter.Write(_alert, _payload);
    }
}
