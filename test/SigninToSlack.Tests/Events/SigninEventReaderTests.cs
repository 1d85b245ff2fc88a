using System.Text;
using SigninToSlack.Events;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Events;

public sealed class SigninEventReaderTests
{
    private static byte[] Event(string detail) =>
        Encoding.UTF8.GetBytes($$"""{"id":"evt","detail-type":"AWS Console Sign In via CloudTrail","source":"aws.signin","account":"111122223333","region":"eu-west-1","time":"2026-11-27T10:00:00Z","detail":{{detail}}}""");

    [Fact]
    public void Read_LoneSurrogateEscape_KeepsTheTextAsWritten()
    {
        var record = SigninEventReader.Read(Event("""{"eventName":"ConsoleLogin","userAgent":"bad \ud800 here","userIdentity":{"type":"IAMUser","userName":"a\udc00"}}"""));

        Assert.Equal("bad \\ud800 here", record.UserAgent);
        Assert.Equal("a\\udc00", record.IdentityUserName);
    }

    [Fact]
    public void Read_BytesThatAreNotUtf8_BecomeReplacementCharacters()
    {
        var json = Event("""{"eventName":"ConsoleLogin","userAgent":"bad XX here"}""");
        var at = Encoding.UTF8.GetString(json).IndexOf("XX", StringComparison.Ordinal);
        json[at] = 0xFF;
        json[at + 1] = 0xFE;

        var record = SigninEventReader.Read(json);

        Assert.Equal("bad \uFFFD\uFFFD here", record.UserAgent);
        Assert.Equal("ConsoleLogin", record.EventName);
    }

    [Fact]
    public void Read_EscapedPropertyNames_AreStillRecognized()
    {
        var record = SigninEventReader.Read(Event("""{"event\u004eame":"ConsoleLogin","userIdentity":{"type":"IAMUser","user\u004eame":"alice"}}"""));

        Assert.Equal("ConsoleLogin", record.EventName);
        Assert.Equal("alice", record.IdentityUserName);
    }

    [Fact]
    public void Read_NamesInOtherCase_AreRecognized()
    {
        var record = SigninEventReader.Read(Event("""{"EVENTNAME":"ConsoleLogin","SourceIpAddress":"192.0.2.7","additionalEventData":{"mfaUsed":"No"}}"""));

        Assert.Equal("ConsoleLogin", record.EventName);
        Assert.Equal("192.0.2.7", record.SourceIp);
        Assert.Equal("No", record.MfaUsed);
    }

    [Fact]
    public void Read_DetailWithoutItsOwnFields_FallsBackToTheEnvelope()
    {
        var record = SigninEventReader.Read(Event("""{"eventName":"ConsoleLogin"}"""));

        Assert.Equal("evt", record.EventId);
        Assert.Equal("111122223333", record.Account);
        Assert.Equal("eu-west-1", record.Region);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero), record.Time);
    }

    [Fact]
    public void Read_OutcomeBeforeEventName_IsStillFound()
    {
        var record = SigninEventReader.Read(Event("""{"responseElements":{"ConsoleLogin":"failure"},"serviceEventDetails":{"ConsoleLogin":"Success","FailureReason":"x"},"eventName":"ConsoleLogin"}"""));

        Assert.Equal(RecordedOutcome.Failure, record.ResponseOutcome);
        Assert.Equal(RecordedOutcome.Success, record.ServiceOutcome);
        Assert.Equal("x", record.ServiceFailureReason);
    }

    [Fact]
    public void Read_UserIdentityArnAndIdsOfANamedUser_AreNotMaterialized()
    {
        var record = SigninEventReader.Read(Samples.File("iam-user-success-mfa.json"));

        Assert.Equal("anaya", record.IdentityUserName);
        Assert.Null(record.IdentityArn);
        Assert.Null(record.IdentityPrincipalId);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("{\"detail\": {\"eventName\": ")]
    public void Read_NotAnObjectOrTruncated_IsAFormatError(string json) =>
        Assert.Throws<EventFormatException>(() => SigninEventReader.Read(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("""{"detail-type":"AWS Console Sign In via CloudTrail","source":"aws.signin","detail":{"eventName":"ConsoleLogin","userIdentity":{"type":"IAMUser","userName":"alice"}},"detail":{"eventName":"ConsoleLogin","userIdentity":{"type":"Root"}}}""", false, "detail")]
    [InlineData("""{"detail":{"eventName":"ConsoleLogin"},"Detail":{"eventName":"CheckMfa"}}""", false, "detail")]
    [InlineData("""{"detail":{"userIdentity":{"type":"IAMUser","userName":"alice"},"eventName":"ConsoleLogin","userIdentity":{"type":"Root"}}}""", false, "userIdentity")]
    [InlineData("""{"eventName":"ConsoleLogin","userIdentity":{"type":"IAMUser","userName":"alice"},"UserIdentity":{"type":"Root"}}""", true, "userIdentity")]
    public void Read_DuplicateDetailOrUserIdentity_RejectsTheEventAsMalformed(string json, bool bareRecord, string name)
    {
        var error = Assert.Throws<EventFormatException>(() => SigninEventReader.Read(Encoding.UTF8.GetBytes(json), bareRecord));

        Assert.Equal($"event is malformed: it has more than one '{name}'", error.Message);
    }

    [Fact]
    public void Read_UserIdentityInsideTwoDifferentObjects_IsNoDuplicate()
    {
        // sessionContext and onBehalfOf are read on their own: only a second userIdentity of the record counts.
        var record = SigninEventReader.Read(Event("""{"eventName":"ConsoleLogin","userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/r/s"},"additionalEventData":{"userIdentity":"x"}}"""));

        Assert.Equal("AssumedRole", record.IdentityType);
    }
}
