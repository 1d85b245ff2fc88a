using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;
using SigninToSlack.Alerts;
using SigninToSlack.Events;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Formatting;

/// <summary>
/// Text an attacker writes (a failed sign-in's user agent, the user name typed at IAM Identity Center, ...) in every
/// field the formatter shows: it never adds formatting, a link, a mention, an emoji or a line break, and every payload
/// holds Block Kit's limits.
/// </summary>
public sealed partial class HostileTextTests
{
    /// <summary>Every Slack control sequence, mrkdwn's formatting, and the characters that change how text reads.</summary>
    public static readonly string[] Corpus =
    [
        "<!here>", "<!channel>", "<!everyone>", "<!subteam^S123>", "<!subteam^S123|@team>", "<#C123>", "<#C123|general>",
        "<@U123>", "<@W123|boss>", "<https://evil.example|click>", "<mailto:a@evil.example|mail>", "https://evil.example/login",
        "http://evil.example", "evil.example", "www.evil.example", "javascript:alert(1)", "&lt;!here&gt;", "&amp;lt;", "a & b < c > d",
        "x*\n*Result*\nSuccess", "x*\r\n*Result*\r\nSuccess", "*bold*", "_it_", "~s~", "`code`", "```block```", "> quote", ":smile:",
        ":rotating_light:", "@here", "@channel", "\u202Egnp.exe", "a\u200Bb\u200Cc\u200Dd\u2060e\uFEFFf", "\u2066x\u2069\u2067y\u2069",
        "\u200E\u200F\u061C", "\u202A\u202B\u202C\u202D", "line\u2028sep\u2029para\u0085nel", "\t\v\f\0\u001B[31mred",
        "\uE000bold?\uE000", "\U0001F600\U0001F4A9", new string('x', 10_000), string.Concat(Enumerable.Repeat("<&>\U0001F600*_", 2_000)),
    ];

    /// <summary>The event fields the formatter uses, each as a CloudTrail record that carries the value there.</summary>
    public static readonly TheoryData<string> Fields =
        ["userAgent", "userName", "identityCenterUserName", "sessionName", "role", "arn", "sourceIp", "region", "account", "eventName", "errorMessage", "eventId"];

    private static readonly string[] Labels =
        ["\nAccount: ", "\nResult: ", "\nMFA: ", "\nSource IP: ", "\nRegion: ", "\nTime: ", "\nEvent: ", "\nUser agent: ", "\nEvent ID: "];

    private static string Record(string field, string value)
    {
        var v = JsonSerializer.Serialize(value);
        return field switch
        {
            "userAgent" => Iam("alice", $"\"userAgent\":{v}"),
            "userName" => Iam(value, string.Empty),
            "identityCenterUserName" => $$"""{"userIdentity":{"type":"Unknown"},"eventName":"CredentialVerification","additionalEventData":{"UserName":{{v}}},"serviceEventDetails":{"CredentialVerification":"Failure"},"eventID":"d38ce1b3-4575-4cb8-a632-611b8243bfc3"}""",
            "sessionName" => Role(JsonSerializer.Serialize("arn:aws:sts::111122223333:assumed-role/Admin/" + value), "\"Admin\""),
            "role" => Role("\"arn:aws:sts::111122223333:assumed-role/x/s\"", v),
            "arn" => Role(v, "null"),
            "sourceIp" => Iam("alice", $"\"sourceIPAddress\":{v}"),
            "region" => Iam("alice", $"\"awsRegion\":{v}"),
            "account" => Iam("alice", $"\"recipientAccountId\":{v}"),
            "eventName" => $$$"""{"userIdentity":{"type":"IAMUser","userName":"alice"},"eventName":{{{v}}},"responseElements":{"ConsoleLogin":"Failure"}}""",
            "errorMessage" => Iam("alice", $"\"errorMessage\":{v}"),
            "eventId" => $$$"""{"userIdentity":{"type":"IAMUser","userName":"alice"},"eventName":"ConsoleLogin","awsRegion":"us-east-1","eventID":{{{v}}},"responseElements":{"ConsoleLogin":"Failure"}}""",
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        static string Iam(string userName, string extra) =>
            $$"""{"userIdentity":{"type":"IAMUser","userName":{{JsonSerializer.Serialize(userName)}}},"eventName":"ConsoleLogin","awsRegion":"us-east-1","eventID":"d38ce1b3-4575-4cb8-a632-611b8243bfc3","responseElements":{"ConsoleLogin":"Failure"}{{(extra.Length == 0 ? "" : "," + extra)}}}""";

        static string Role(string arn, string issuer) =>
            $$$$"""{"userIdentity":{"type":"AssumedRole","arn":{{{{arn}}}},"sessionContext":{"sessionIssuer":{"userName":{{{{issuer}}}}}}},"eventName":"SwitchRole","responseElements":{"SwitchRole":"Success"}}""";
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Write_EveryHostileValueInField_StaysPlainTextWithinLimits(string field)
    {
        foreach (var value in Corpus)
        {
            var alert = Samples.Alert(Record(field, value)) with { Context = new AlertContext(MemberId: "U0ANAYA1") };

            var payload = Encoding.UTF8.GetString(Samples.PayloadBytes(alert));

            AssertNeutral(payload, expectMention: true, $"{field} = {JsonSerializer.Serialize(value)[..Math.Min(60, value.Length + 2)]}");
        }
    }

    [Fact]
    public void Write_ControlSequencesInTheUserAgent_ReachSlackAsTheLiteralText()
    {
        var agent = "<!channel> <https://evil.example|click> &lt; *x* :smile:";

        var elements = TextElements(Samples.Payload(Samples.Alert(Record("userAgent", agent))));

        Assert.Contains(elements, e => e.Text == agent && !e.Bold);
    }

    [Fact]
    public void Write_FakeFieldInTheUserAgent_IsOneLineOfText()
    {
        using var payload = Samples.Payload(Samples.Alert(Record("userAgent", "x*\n*Result*\nSuccess")));

        var elements = TextElements(payload);

        Assert.Contains(elements, e => e.Text == "x* *Result* Success" && !e.Bold);
        Assert.Single(elements, e => e.Text.Contains("Result", StringComparison.Ordinal) && e.Bold);
        Assert.DoesNotContain("Success", payload.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_BidiAndZeroWidthCharacters_AreDropped()
    {
        var elements = TextElements(Samples.Payload(Samples.Alert(Record("userName", "ev\u202Eil\u200B\u2066x\uFEFF"))));

        Assert.Contains(elements, e => e.Text == "evilx" && e.Bold);
    }

    [Fact]
    public void Write_ValueOfOnlyInvisibleCharacters_ReadsUnprintable()
    {
        var elements = TextElements(Samples.Payload(Samples.Alert(Record("userAgent", "\u200B\u202E\u0007"))));

        Assert.Contains(elements, e => e.Text == "(unprintable)");
    }

    /// <summary>The user name an attacker types reaches neither the notification text nor any other mrkdwn.</summary>
    [Fact]
    public void Write_IdentityCenterUserName_StaysOutOfTheTopLevelText()
    {
        using var payload = Samples.Payload(Samples.Alert(Record("identityCenterUserName", "evil.example"), SigninEventTypes.ServiceEvent));

        Assert.Equal(":warning: [HIGH] Identity Center credential check failed \u00b7 IAM Identity Center user \u00b7 account 111122223333", payload.RootElement.GetProperty("text").GetString());
        Assert.Contains(TextElements(payload), e => e.Text == "evil.example" && e.Bold);
    }

    /// <summary>A.8: however long the name, the mention stays: it is its own element after the (cut) name.</summary>
    [Fact]
    public void Write_VeryLongNameWithPerson_KeepsTheMention()
    {
        var alert = Samples.Alert(Record("userName", new string('n', 5000))) with { Context = new AlertContext(MemberId: "U0ANAYA1") };

        using var payload = Samples.Payload(alert);

        var details = Blocks(payload)[2].GetProperty("elements")[0].GetProperty("elements");
        Assert.Equal("Who: ", details[0].GetProperty("text").GetString());
        Assert.Equal("IAM user " + new string('n', 199) + "\u2026", details[1].GetProperty("text").GetString());
        Assert.Equal("user", details[3].GetProperty("type").GetString());
        Assert.Equal("U0ANAYA1", details[3].GetProperty("user_id").GetString());
        Assert.Contains("IAM user <@U0ANAYA1> \u00b7", payload.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A lone surrogate cannot come through the event reader, but an alert may still hold one: it is replaced, never written broken.</summary>
    [Fact]
    public void Write_LoneSurrogates_BecomeReplacementCharacters()
    {
        var alert = Samples.AlertFromFile("iam-user-failure.json") with { UserAgent = "a\uD800b\uDC00c\uD83D" };

        var payload = Encoding.UTF8.GetString(Samples.PayloadBytes(alert));

        AssertNeutral(payload, expectMention: false, "lone surrogates");
        Assert.Contains(TextElements(JsonDocument.Parse(payload)), e => e.Text == "a\uFFFDb\uFFFDc\uFFFD");
    }

    /// <summary>
    /// Random text in every field of an alert (and in what configuration adds to it): no mrkdwn object ever carries
    /// it, rich text carries it without control or format characters, and the payload holds Block Kit's limits.
    /// </summary>
    [Fact]
    public void Write_RandomTextInEveryField_NeverReachesMrkdwnAndHoldsTheLimits()
    {
        var special = Gen.Char["<>&|!@#^*_~`:/\\.\n\r\t\u0000\u0085\u2028\u202E\u200B\u2066\uFEFF\uE000\uD800\uDC00\uD83D\uDE00 "];
        var chars = Gen.Frequency((3, (IGen<char>)Gen.Char['a', 'z']), (3, special), (2, Gen.Char));
        IGen<string> random = chars.Array[0, 300].Select(c => new string(c));
        var value = Gen.Frequency((4, random), (2, Gen.OneOf(Corpus)), (1, Gen.Const((string)null!)));
        var member = Gen.Frequency((1, (IGen<string>)Gen.Const("U0ANAYA1")), (1, value));
        var alerts = Gen.Select(value.Array[16], Gen.Int[0, 7], Gen.Int[0, 2], Gen.Int[0, 4], Gen.Int[0, 2], Gen.Bool, member, Gen.Long[-62_135_596_800, 253_402_300_799],
            (t, kind, outcome, mfa, severity, masked, memberId, seconds) => new SigninAlert
            {
                Severity = (Severity)severity,
                Principal = new Principal((PrincipalKind)kind, t[0], masked, t[1], t[2], t[3]),
                Activity = Activities.For(t[4]),
                Outcome = (Outcome)outcome,
                Mfa = (MfaStatus)mfa,
                EventName = t[4],
                FailureReason = t[5],
                CredentialType = t[6],
                AccountId = t[7],
                Region = t[8],
                SourceIp = t[9],
                UserAgent = t[10],
                Time = seconds % 5 == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(seconds),
                EventId = t[11],
                Context = new AlertContext(t[12], t[13], t[14] is null, memberId),
            });

        alerts.Sample(alert =>
        {
            var payload = Encoding.UTF8.GetString(Samples.PayloadBytes(alert));

            AssertNeutral(payload, SigninToSlack.Configuration.SlackMemberId.IsValid(alert.Context!.MemberId), "random alert");
        }, iter: 1500, threads: 1);
    }

    [GeneratedRegex(@"^:(rotating_light|warning|information_source): \[(CRITICAL|HIGH|INFO)\] [A-Z][A-Za-z -]* (succeeded|failed|recorded)( without MFA)? · (root user|(unknown )?[A-Za-z ]+)( <@[UW][A-Z0-9]{2,19}>)?( · account [0-9]{12})?$")]
    private static partial Regex SummaryForm();

    [GeneratedRegex(@"^:(rotating_light|warning|information_source): (Critical|High|Info): [A-Z][A-Za-z -]* (succeeded|failed|recorded)( \(root user\))?$")]
    private static partial Regex HeaderForm();

    [GeneratedRegex(@"^Event ID (not recorded|not of CloudTrail's form \(shown above as recorded\)|[A-Za-z0-9-]{1,64}( · <https://([a-z0-9-]{1,32}\.console\.aws\.amazon\.com|console\.amazonaws-us-gov\.com|console\.amazonaws\.cn)/cloudtrailv2/home\?region=[a-z0-9-]{1,32}#/events/[A-Za-z0-9-]{1,64}\|View in CloudTrail>)?)$")]
    private static partial Regex ContextForm();

    /// <summary>
    /// The invariants for every payload: Block Kit's limits; the mrkdwn texts (top-level, context) and the header are
    /// of this product's fixed forms, so no event text is in them; rich text holds no control, format, private-use or
    /// broken surrogate character, and a line break only where this product starts a label; a mention only of a member ID.
    /// </summary>
    private static void AssertNeutral(string payload, bool expectMention, string what)
    {
        try
        {
            BlockKit.AssertValid(payload);
            using var doc = JsonDocument.Parse(payload);
            Assert.Matches(SummaryForm(), doc.RootElement.GetProperty("text").GetString());
            Assert.Equal(expectMention, doc.RootElement.GetProperty("text").GetString()!.Contains("<@U0ANAYA1>", StringComparison.Ordinal));
            var blocks = Blocks(doc);
            Assert.Equal(["header", "rich_text", "rich_text", "context"], blocks.EnumerateArray().Select(b => b.GetProperty("type").GetString()));
            Assert.Matches(HeaderForm(), blocks[0].GetProperty("text").GetProperty("text").GetString());
            Assert.Matches(ContextForm(), Assert.Single(blocks[3].GetProperty("elements").EnumerateArray().ToList()).GetProperty("text").GetString());

            foreach (var (text, bold) in TextElements(doc))
            {
                var body = bold && text.StartsWith('\n') ? text[1..] : text;
                Assert.True(!text.StartsWith('\n') || Labels.Contains(text), $"line break in {JsonSerializer.Serialize(text)}");
                AssertShowsAsWritten(body);
            }

            var users = doc.RootElement.GetProperty("attachments")[0].GetProperty("blocks").EnumerateArray()
                .Where(b => b.GetProperty("type").GetString() == "rich_text")
                .SelectMany(b => b.GetProperty("elements").EnumerateArray())
                .SelectMany(s => s.GetProperty("elements").EnumerateArray())
                .Where(e => e.GetProperty("type").GetString() == "user")
                .Select(e => e.GetProperty("user_id").GetString())
                .ToList();
            Assert.Equal(expectMention ? ["U0ANAYA1"] : [], users);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new Xunit.Sdk.XunitException($"{what}: {e.Message}\n{payload[..Math.Min(payload.Length, 2000)]}");
        }
    }

    private static void AssertShowsAsWritten(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                Assert.NotEqual(UnicodeCategory.Format, CharUnicodeInfo.GetUnicodeCategory(text, i));
                Assert.NotEqual(UnicodeCategory.PrivateUse, CharUnicodeInfo.GetUnicodeCategory(text, i));
                i++;
                continue;
            }

            Assert.True(
                CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                    or UnicodeCategory.PrivateUse or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator),
                $"U+{(int)c:X4} at {i} of {JsonSerializer.Serialize(text)}");
        }
    }

    private static JsonElement Blocks(JsonDocument payload) => payload.RootElement.GetProperty("attachments")[0].GetProperty("blocks");

    private static List<(string Text, bool Bold)> TextElements(JsonDocument payload) =>
        [.. Blocks(payload).EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "rich_text")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .SelectMany(s => s.GetProperty("elements").EnumerateArray())
            .Where(e => e.GetProperty("type").GetString() == "text")
            .Select(e => (e.GetProperty("text").GetString()!, e.TryGetProperty("style", out _)))];
}
