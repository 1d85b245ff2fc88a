using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SigninToSlack.Configuration;
using SigninToSlack.Logging;

namespace SigninToSlack.Tests.Logging;

public sealed class FunctionLoggerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 7, 4, 5, 678, TimeSpan.Zero));

    private static string[] Lines(StringWriter output) => output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Text_WithRequestId_WritesTabSeparatedFields()
    {
        using var output = new StringWriter();
        var log = new FunctionLogger(output, LogFormat.Text, LogLevel.Info, _time) { RequestId = "req-1" };

        log.Warn("direct message not sent");

        Assert.Equal(["2026-12-02T07:04:05.678Z\treq-1\tWARN\tdirect message not sent"], Lines(output).Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void Text_OutsideAnInvocation_ShowsADash()
    {
        using var output = new StringWriter();

        new FunctionLogger(output, LogFormat.Text, LogLevel.Info, _time).Error("start-up failed");

        Assert.Equal("2026-12-02T07:04:05.678Z\t-\tERROR\tstart-up failed", Lines(output).Single().TrimEnd('\r'));
    }

    [Fact]
    public void Text_MessageWithLineBreaks_StaysOneRecord()
    {
        using var output = new StringWriter();

        new FunctionLogger(output, LogFormat.Text, LogLevel.Info, _time).Info("first\nsecond\r\nthird");

        Assert.EndsWith("\tINFO\tfirst second third", Lines(output).Single().TrimEnd('\r'), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agent\tINFO\tforged", "agent\\u0009INFO\\u0009forged")]
    [InlineData("agent\u001b[2Jcleared", "agent\\u001b[2Jcleared")]
    [InlineData("admin\u202Egnp.exe", "admin\\u202egnp.exe")]
    [InlineData("zero\u200Bwidth", "zero\\u200bwidth")]
    [InlineData("one\u2028two\u0085three", "one two three")]
    public void Text_ControlAndFormatCharacters_CannotForgeAFieldOrHideText(string message, string expected)
    {
        using var output = new StringWriter();

        new FunctionLogger(output, LogFormat.Text, LogLevel.Info, _time) { RequestId = "req-3" }.Info(message);

        var line = Lines(output).Single().TrimEnd('\r');
        Assert.Equal($"2026-12-02T07:04:05.678Z\treq-3\tINFO\t{expected}", line);
        Assert.Equal(3, line.Count(c => c == '\t'));
    }

    [Fact]
    public void Json_WritesOneObjectPerRecord()
    {
        using var output = new StringWriter();
        var log = new FunctionLogger(output, LogFormat.Json, LogLevel.Info, _time) { RequestId = "req-2" };

        log.Info("line \"one\"\nwith a break");
        log.RequestId = null;
        log.Error("after");

        var records = Lines(output).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(2, records.Length);
        Assert.Equal("2026-12-02T07:04:05.678Z", records[0].GetProperty("timestamp").GetString());
        Assert.Equal("INFO", records[0].GetProperty("level").GetString());
        Assert.Equal("req-2", records[0].GetProperty("requestId").GetString());
        Assert.Equal("line \"one\"\nwith a break", records[0].GetProperty("message").GetString());
        Assert.False(records[1].TryGetProperty("requestId", out _));
        Assert.Equal("ERROR", records[1].GetProperty("level").GetString());
    }

    [Theory]
    [InlineData("Trace", 3)]
    [InlineData("Info", 3)]
    [InlineData("Warn", 2)]
    [InlineData("Error", 1)]
    [InlineData("Fatal", 0)]
    public void Minimum_DropsLessSevereRecords(string minimum, int written)
    {
        using var output = new StringWriter();
        var log = new FunctionLogger(output, LogFormat.Text, Enum.Parse<LogLevel>(minimum), _time);

        log.Info("i");
        log.Warn("w");
        log.Error("e");

        Assert.Equal(written, Lines(output).Length);
    }
}
