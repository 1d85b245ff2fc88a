using System.Buffers;
using System.Text;
using System.Text.Json;
using SigninToSlack.Alerts;
using SigninToSlack.Formatting;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Formatting;

/// <summary>The burst summary's message: Block Kit's limits for any burst, and event text only as rich text.</summary>
public sealed class BurstFormatterTests
{
    private static SigninAlert Failure(int n, string user, string ip) =>
        AlertClassifier.Classify(SigninToSlack.Events.SigninEventReader.Read(Encoding.UTF8.GetBytes(
            SprayingRun.Json(new Guid(n, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2).ToString(), user, ip, success: false, SprayingRun.Start.AddSeconds(n))))).Alert!;

    private static string Write(BurstSummary burst)
    {
        var buffer = new ArrayBufferWriter<byte>();
        BurstFormatter.Write(burst, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static BurstSummary Burst(BurstGrouping grouping, IReadOnlyList<SigninAlert> members) =>
        new(grouping, members, members.Select(m => m.EventId!));

    [Fact]
    public void Write_ThousandUsersFromThousandIps_HoldsLimitsAndCountsTheRest()
    {
        var members = Enumerable.Range(0, 1000).Select(n => Failure(n, new string('u', 300) + n, $"198.51.{n / 250}.{n % 250}")).ToList();

        var payload = Write(Burst(BurstGrouping.Principal, members));

        BlockKit.AssertValid(payload);
        Assert.Contains("and 980 more: 980 attempts", payload, StringComparison.Ordinal);
        Assert.StartsWith("{\"text\":\":warning: [HIGH] 1000 failed sign-ins to 1000 users from 1000 source IPs \u00b7 account 111122223333\"", payload, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_HostileNamesAndAddresses_OnlyInRichTextAndCleaned()
    {
        var members = HostileTextTests.Corpus.Select((value, n) => Failure(n, value, value)).ToList();
        var burst = Burst(BurstGrouping.SourceIp, members) with { Context = new AlertContext(AccountName: "<!channel> *prod*") };

        var payload = Write(burst);

        BlockKit.AssertValid(payload);
        using var doc = JsonDocument.Parse(payload);
        var mrkdwn = new List<string> { doc.RootElement.GetProperty("text").GetString()! };
        var rich = new List<string>();
        foreach (var block in doc.RootElement.GetProperty("attachments")[0].GetProperty("blocks").EnumerateArray())
        {
            switch (block.GetProperty("type").GetString())
            {
                case "context":
                    mrkdwn.Add(block.GetProperty("elements")[0].GetProperty("text").GetString()!);
                    break;
                case "header":
                    Assert.Equal(":warning: High: burst of failed sign-ins", block.GetProperty("text").GetProperty("text").GetString());
                    break;
                case "rich_text":
                    rich.AddRange(block.GetProperty("elements")[0].GetProperty("elements").EnumerateArray()
                        .Where(e => e.GetProperty("type").GetString() == "text").Select(e => e.GetProperty("text").GetString()!));
                    break;
            }
        }

        // mrkdwn has counts, the account ID and the summary's hex ID only: no <, &, *, _, ~, `, : beyond the emoji.
        Assert.All(mrkdwn, m => Assert.Matches(@"^(:warning: \[HIGH\] \d+ failed sign-ins to \d+ users? from \d+ source IPs? · account 111122223333|Summary ID burst-[0-9a-f]{32} · \d+ events folded; their IDs are in the function's log)$", m));
        Assert.Contains(rich, r => r.Contains("(<!channel> *prod*)", StringComparison.Ordinal));
        Assert.All(rich, r => Assert.DoesNotMatch(@"[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF\uE000]", r));
        Assert.All(rich, r => Assert.InRange(r.Length, 1, 3000));
    }

    [Fact]
    public void Write_BurstAcrossMidnight_SentenceGivesDates()
    {
        var late = Failure(1, "a", "203.0.113.9") with { Time = new DateTimeOffset(2026, 11, 27, 23, 58, 0, TimeSpan.Zero) };
        var early = Failure(2, "b", "203.0.113.9") with { Time = new DateTimeOffset(2026, 11, 28, 0, 3, 0, TimeSpan.Zero) };

        var sentence = BurstText.PlainSentence(Burst(BurstGrouping.SourceIp, [early, late]));

        Assert.Equal("2 failed sign-ins to 2 users in account 111122223333 from 203.0.113.9 between 2026-11-27 23:58 and 2026-11-28 00:03 UTC", sentence);
    }
}
