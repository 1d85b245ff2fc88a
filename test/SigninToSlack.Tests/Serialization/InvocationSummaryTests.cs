using System.Text.Json;
using SigninToSlack.Serialization;

namespace SigninToSlack.Tests.Serialization;

public sealed class InvocationSummaryTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(2, 3)]
    [InlineData(1000, 12345)]
    [InlineData(int.MaxValue, int.MaxValue)]
    public void ToUtf8Json_IsWhatTheSourceGeneratedContextWrites(int posted, int skipped)
    {
        var summary = new InvocationSummary(posted, skipped);

        var expected = JsonSerializer.SerializeToUtf8Bytes(summary, AppJsonSerializerContext.Default.InvocationSummary);

        Assert.Equal(expected, summary.ToUtf8Json());
    }
}
