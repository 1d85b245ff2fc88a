using System.Text;
using SigninToSlack.Respond;

namespace SigninToSlack.Tests.Respond;

/// <summary>Slack's request signing, on the worked example in Slack's "Verifying requests from Slack".</summary>
public sealed class SlackSignatureTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private const string Body =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(1531420618);

    private static SlackSignatureCheck Verify(string? timestamp, string? signature, byte[] body, DateTimeOffset now) =>
        SlackSignature.Verify(Encoding.UTF8.GetBytes(Secret), timestamp, signature, body, now);

    [Fact]
    public void SlacksExample_IsValid() =>
        Assert.Equal(SlackSignatureCheck.Valid, Verify(Timestamp, Signature, Encoding.UTF8.GetBytes(Body), SentAt.AddSeconds(30)));

    [Fact]
    public void OneByteOfTheBodyDifferent_IsRefused()
    {
        var body = Encoding.UTF8.GetBytes(Body);
        for (var i = 0; i < body.Length; i += 7)
        {
            var changed = (byte[])body.Clone();
            changed[i] ^= 0x01;
            Assert.Equal(SlackSignatureCheck.Mismatch, Verify(Timestamp, Signature, changed, SentAt));
        }
    }

    [Fact]
    public void OneCharacterOfTheSignatureDifferent_IsRefused() =>
        Assert.Equal(SlackSignatureCheck.Mismatch, Verify(Timestamp, Signature[..^1] + "4", Encoding.UTF8.GetBytes(Body), SentAt));

    [Fact]
    public void AnotherTimestampWithTheSameSignature_IsRefused() =>
        Assert.Equal(SlackSignatureCheck.Mismatch, Verify("1531420619", Signature, Encoding.UTF8.GetBytes(Body), SentAt));

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    [InlineData(86400)]
    public void Stale_IsRefused(int secondsLater) =>
        Assert.Equal(SlackSignatureCheck.Stale, Verify(Timestamp, Signature, Encoding.UTF8.GetBytes(Body), SentAt.AddSeconds(secondsLater)));

    [Fact]
    public void FiveMinutesOld_IsStillValid() =>
        Assert.Equal(SlackSignatureCheck.Valid, Verify(Timestamp, Signature, Encoding.UTF8.GetBytes(Body), SentAt.AddMinutes(5)));

    [Theory]
    [InlineData(null, Signature)]
    [InlineData(Timestamp, null)]
    [InlineData("", Signature)]
    [InlineData("-1531420618", Signature)]
    [InlineData(Timestamp, "a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    public void Missing_IsRefused(string? timestamp, string? signature) =>
        Assert.Equal(SlackSignatureCheck.Missing, Verify(timestamp, signature, Encoding.UTF8.GetBytes(Body), SentAt));
}
