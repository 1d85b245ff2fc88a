using System.Text;
using SigninToSlack.Events;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Events;

public sealed class EnvelopeDetectorTests
{
    private static EnvelopeKind Detect(string json) => EnvelopeDetector.Detect(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("root-success.json", nameof(EnvelopeKind.EventBridge))]
    [InlineData("identity-center-user-authentication.json", nameof(EnvelopeKind.EventBridge))]
    [InlineData("sns-root-success.json", nameof(EnvelopeKind.Sns))]
    [InlineData("sns-two-records.json", nameof(EnvelopeKind.Sns))]
    [InlineData("sqs-batch-spraying.json", nameof(EnvelopeKind.Sqs))]
    public void Detect_SampleFiles_NamesTheirEnvelope(string sample, string expected) =>
        Assert.Equal(expected, EnvelopeDetector.Detect(Samples.File(sample)).ToString());

    [Theory]
    [InlineData("""{"detail-type":"x"}""", nameof(EnvelopeKind.EventBridge))]
    [InlineData("""{"version":"0","detail":{}}""", nameof(EnvelopeKind.EventBridge))]
    [InlineData("""{"Records":[]}""", nameof(EnvelopeKind.Sns))]
    [InlineData("""{"eventVersion":"1.08","userIdentity":{"type":"Root"},"eventName":"ConsoleLogin"}""", nameof(EnvelopeKind.CloudTrailRecord))]
    [InlineData("""{"eventName":"ConsoleLogin","eventSource":"signin.amazonaws.com"}""", nameof(EnvelopeKind.CloudTrailRecord))]
    [InlineData("""{"eventName":"ConsoleLogin"}""", nameof(EnvelopeKind.Unknown))]
    [InlineData("""{"userIdentity":{}}""", nameof(EnvelopeKind.Unknown))]
    [InlineData("""{}""", nameof(EnvelopeKind.Unknown))]
    public void Detect_TopLevelNames_DecideTheEnvelope(string json, string expected) => Assert.Equal(expected, Detect(json).ToString());

    [Theory]
    [InlineData("""{"Records":[{"messageId":"m-1","eventSource":"aws:sqs"}]}""", nameof(EnvelopeKind.Sqs))]
    [InlineData("""{"Records":[{"messageId":"m-1","body":"{}"}]}""", nameof(EnvelopeKind.Sqs))]
    [InlineData("""{"Records":[{"body":"{}","eventSource":"aws:sqs","Sns":{}}]}""", nameof(EnvelopeKind.Sqs))]
    [InlineData("""{"Records":[{"body":"{}","Sns":{"Message":"{}"}}]}""", nameof(EnvelopeKind.Sns))]
    [InlineData("""{"Records":[{"EventSource":"aws:sns","body":"{}"}]}""", nameof(EnvelopeKind.Sns))]
    [InlineData("""{"Records":[{"EventSource":"aws:sns","Sns":{"Message":"{}"}}]}""", nameof(EnvelopeKind.Sns))]
    [InlineData("""{"Records":[{"EventSource":"aws:sns"}]}""", nameof(EnvelopeKind.Sns))]
    [InlineData("""{"Records":[{"messageId":"m-1"}]}""", nameof(EnvelopeKind.Sns))]
    [InlineData("""{"Records":[{}]}""", nameof(EnvelopeKind.Sns))]
    [InlineData("""{"Records":{"body":"{}"}}""", nameof(EnvelopeKind.Sns))]
    [InlineData("""{"Records":[1,"x",{"messageId":"m-1"},{"body":"{}"}]}""", nameof(EnvelopeKind.Sqs))]
    [InlineData("""{"Records":[{"eventSource":{"nested":"aws:sqs"}},{"Sns":{}}]}""", nameof(EnvelopeKind.Sns))]
    [InlineData("""{"Records":[{"Sns":{}},{"body":"{}"}]}""", nameof(EnvelopeKind.Sns))]
    [InlineData("""{"Records":[{"body":"{}"},{"Sns":{}}]}""", nameof(EnvelopeKind.Sqs))]
    public void Detect_Records_FirstRecordThatTellsDecidesSqsOrSns(string json, string expected) => Assert.Equal(expected, Detect(json).ToString());

    [Theory]
    [InlineData("""{"Detail-Type":"x"}""", nameof(EnvelopeKind.EventBridge))]
    [InlineData("""{"DETAIL":{}}""", nameof(EnvelopeKind.EventBridge))]
    [InlineData("""{"records":[]}""", nameof(EnvelopeKind.Sns))]
    [InlineData("""{"RECORDS":[]}""", nameof(EnvelopeKind.Sns))]
    [InlineData("""{"EventName":"ConsoleLogin","UserIdentity":{}}""", nameof(EnvelopeKind.CloudTrailRecord))]
    [InlineData("""{"\u0064etail":{}}""", nameof(EnvelopeKind.EventBridge))]
    [InlineData("""{"records":[{"EVENTSOURCE":"AWS:SQS"}]}""", nameof(EnvelopeKind.Sqs))]
    [InlineData("""{"Records":[{"\u0062ody":"{}"}]}""", nameof(EnvelopeKind.Sqs))]
    [InlineData("""{"Records":[{"eventSource":"aws:\u0073qs","SNS":{}}]}""", nameof(EnvelopeKind.Sqs))]
    [InlineData("""{"Records":[{"BODY":"{}","sns":{}}]}""", nameof(EnvelopeKind.Sns))]
    public void Detect_NamesInAnotherCaseOrEscaped_AreRecognisedAsTheReadersRecogniseThem(string json, string expected) =>
        Assert.Equal(expected, Detect(json).ToString());

    [Theory]
    [InlineData("""{"eventName":"ConsoleLogin","userIdentity":{"type":"Root",},}""", nameof(EnvelopeKind.CloudTrailRecord))]
    [InlineData("/* copied */ {\"eventName\":\"ConsoleLogin\", // the name\n\"userIdentity\":{}}", nameof(EnvelopeKind.CloudTrailRecord))]
    public void Detect_TrailingCommasAndComments_AreAcceptedAsTheReadersAcceptThem(string json, string expected) =>
        Assert.Equal(expected, Detect(json).ToString());

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("")]
    public void Detect_NotAnObject_Fails(string json)
    {
        var error = Assert.Throws<EventFormatException>(() => Detect(json));

        Assert.Equal(json.Length == 0 ? "input is not valid JSON: malformed at line 1, byte 1" : "input is not a JSON object", error.Message);
    }

    [Fact]
    public void Detect_InvalidJson_FailsWithThePositionNotTheInput()
    {
        var error = Assert.Throws<EventFormatException>(() => Detect("""{"SECRETNAME" "x"}"""));

        Assert.StartsWith("input is not valid JSON: malformed at line 1, byte ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETNAME", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Inputs that differ from AWS's own output only in ways the policy allows: what the detector takes, the reader reads.</summary>
    public static TheoryData<string, bool> Variants() => new()
    {
        { """{"Detail-Type":"AWS Console Sign In via CloudTrail","Source":"aws.signin","Detail":{"EventName":"ConsoleLogin","UserIdentity":{"Type":"Root"}}}""", false },
        { """{"detail-type":"AWS Console Sign In via CloudTrail","source":"aws.signin","detail":{"eventName":"ConsoleLogin","userIdentity":{"type":"Root",},},}""", false },
        { """{"source":"aws.signin", /* note */ "detail":{"eventName":"ConsoleLogin","userIdentity":{"type":"Root"}},"detail-type":"AWS Console Sign In via CloudTrail"}""", false },
        { """{"EventName":"ConsoleLogin","UserIdentity":{"Type":"Root"},}""", true },
        { "{\"eventName\":\"ConsoleLogin\",\"userIdentity\":{\"type\":\"Root\"}, // copied from the console\n}", true },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void DetectThenRead_CaseTrailingCommasAndComments_TheDetectorAndTheReaderAgree(string json, bool bareRecord)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        var kind = EnvelopeDetector.Detect(bytes);
        var record = SigninEventReader.Read(bytes, bareRecord: kind == EnvelopeKind.CloudTrailRecord);

        Assert.Equal(bareRecord ? EnvelopeKind.CloudTrailRecord : EnvelopeKind.EventBridge, kind);
        Assert.Equal(("ConsoleLogin", "Root"), (record.EventName, record.IdentityType));
    }

    [Fact]
    public void DetectThenRead_SnsWithOtherCaseAndTrailingCommas_TheDetectorAndTheSnsReaderAgree()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"records":[{"sns":{"message":"{}","messageid":"m-1",},},],}""");

        var kind = EnvelopeDetector.Detect(bytes);
        var message = Assert.Single(SnsReader.Read(bytes));

        Assert.Equal(EnvelopeKind.Sns, kind);
        Assert.Equal(("m-1", "{}"), (message.MessageId, Encoding.UTF8.GetString(message.Body!)));
    }

    [Fact]
    public void DetectThenRead_SqsWithOtherCaseAndTrailingCommas_TheDetectorAndTheSqsReaderAgree()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"RECORDS":[{"MessageId":"m-1","Body":"{}", /* copied */ },],}""");

        var kind = EnvelopeDetector.Detect(bytes);
        var message = Assert.Single(SqsReader.Read(bytes));

        Assert.Equal(EnvelopeKind.Sqs, kind);
        Assert.Equal(("m-1", "{}"), (message.MessageId, Encoding.UTF8.GetString(message.Body!)));
    }
}
