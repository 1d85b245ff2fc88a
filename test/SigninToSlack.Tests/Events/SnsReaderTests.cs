using System.Text;
using System.Text.Json;
using SigninToSlack.Events;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Events;

public sealed class SnsReaderTests
{
    private static IReadOnlyList<SnsMessage> Read(string json) => SnsReader.Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Read_TwoRecordSample_GivesEachMessageAsTheEventJson()
    {
        var json = Samples.File("sns-two-records.json");
        using var document = JsonDocument.Parse(json);
        var expected = document.RootElement.GetProperty("Records").EnumerateArray()
            .Select(r => (r.GetProperty("Sns").GetProperty("MessageId").GetString(), r.GetProperty("Sns").GetProperty("Message").GetString()!))
            .ToList();

        var messages = SnsReader.Read(json);

        Assert.Equal(2, messages.Count);
        Assert.Equal(expected, messages.Select(m => (m.MessageId, Encoding.UTF8.GetString(m.Body!))));
        Assert.All(messages, m => Assert.Null(m.Problem));
    }

    [Fact]
    public void Read_EscapedMessage_IsUnescapedToUtf8()
    {
        var message = Assert.Single(Read("""{"Records":[{"Sns":{"Message":"{\"a\":\"caf\u00e9 \ud83d\ude00\"}"}}]}"""));

        Assert.Equal("{\"a\":\"café 😀\"}", Encoding.UTF8.GetString(message.Body!));
    }

    [Fact]
    public void Read_NamesInAnyCase_AreMatched()
    {
        var message = Assert.Single(Read("""{"RECORDS":[{"sns":{"MESSAGE":"{}","messageId":"m-1"}}]}"""));

        Assert.Equal(("m-1", "{}"), (message.MessageId, Encoding.UTF8.GetString(message.Body!)));
    }

    [Theory]
    [InlineData("""{"Records":[{"EventSource":"aws:sns"}]}""")]
    [InlineData("""{"Records":[{"Sns":{"MessageId":"m-1"}}]}""")]
    [InlineData("""{"Records":[{"Sns":{"Message":null}}]}""")]
    [InlineData("""{"Records":[{"Sns":"text"}]}""")]
    [InlineData("""{"Records":[null]}""")]
    public void Read_RecordWithoutAMessage_IsKeptWithoutABody(string json)
    {
        var message = Assert.Single(Read(json));

        Assert.Null(message.Body);
        Assert.Null(message.Problem);
    }

    [Fact]
    public void Read_UnpairedSurrogateInOneMessage_FailsThatRecordOnly()
    {
        var messages = Read("""{"Records":[{"Sns":{"MessageId":"bad","Message":"{\"a\":\"\ud800\"}"}},{"Sns":{"MessageId":"good","Message":"{}"}}]}""");

        Assert.Equal(2, messages.Count);
        Assert.Equal(("bad", null), (messages[0].MessageId, messages[0].Body));
        Assert.Equal("has a Message that is not valid text (an unpaired surrogate escape)", messages[0].Problem);
        Assert.Equal(("good", "{}"), (messages[1].MessageId, Encoding.UTF8.GetString(messages[1].Body!)));
    }

    [Theory]
    [InlineData("""{"Records":[]}""", "SNS notification has no records")]
    [InlineData("""{"Type":"Notification"}""", "SNS notification has no records")]
    [InlineData("""{"Records":{}}""", "SNS notification has no records")]
    [InlineData("""[{"Sns":{}}]""", "SNS notification is not a JSON object")]
    public void Read_NoRecords_Fails(string json, string expected) =>
        Assert.Equal(expected, Assert.Throws<EventFormatException>(() => Read(json)).Message);

    [Fact]
    public void Read_InvalidJson_FailsWithThePositionNotTheInput()
    {
        var error = Assert.Throws<EventFormatException>(() => Read("""{"Records":[{"Sns":{"Message":"SECRETTEXT"}"""));

        Assert.StartsWith("SNS notification is not valid JSON: malformed at line 1, byte ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETTEXT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TrailingCommasAndComments_AreAccepted()
    {
        var message = Assert.Single(Read("""{"Records":[{"Sns":{"Message":"{}",},}, /* end */],}"""));

        Assert.Equal("{}", Encoding.UTF8.GetString(message.Body!));
    }
}
