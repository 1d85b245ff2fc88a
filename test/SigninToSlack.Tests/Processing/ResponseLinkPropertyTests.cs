using System.Text;
using System.Text.Json;
using CsCheck;
using SigninToSlack.Alerts;
using SigninToSlack.Configuration;
using SigninToSlack.Formatting;
using SigninToSlack.Processing;
using SigninToSlack.Secrets;
using SigninToSlack.Tests.Support;
using static SigninToSlack.Tests.Support.ResponseLinkPayloads;

namespace SigninToSlack.Tests.Processing;

/// <summary>Random text in the fields of a sign-in that gets a link: the only link is this product's, and its token names the recorded principal.</summary>
public sealed class ResponseLinkPropertyTests
{
    [Fact]
    public void MintAndWrite_RandomTextInTheEventsFields_OnlyOurLinkAndATokenForTheRecordedPrincipal()
    {
        var minter = new ResponseLinkMinter(new Uri(RespondUrl), new PlainSecret<string>(LinkKey), RespondSettings.DefaultLinkTtl, null, new HashSet<string>(), buttons: true, TimeProvider.System);
        var chars = Gen.Frequency((3, (IGen<char>)Gen.Char['a', 'z']), (3, Gen.Char["<>&|!@#*_~`:/.\n\r\t\u2028\u202E "]), (1, Gen.Char));
        var text = chars.Array[0, 200].Select(c => new string(c));
        var value = Gen.Frequency((3, text), (1, Gen.OneOf("<!channel>", "*bold*", "<https://evil.example|x>", "a\nb", "<@U0EVIL1>")));
        var user = Gen.Frequency((3, (IGen<string>)Gen.Const("anaya")), (1, value));
        var base0 = Samples.AlertFromFile("iam-user-success-mfa.json", keepArn: true);

        Gen.Select(value.Array[5], user).Sample((t, name) =>
        {
            var alert = base0 with
            {
                Principal = base0.Principal with { Name = t[0], Arn = "arn:aws:iam::111122223333:user/" + name },
                UserAgent = t[1],
                SourceIp = t[2],
                Region = t[3],
                EventName = t[4],
            };
            var minted = minter.MintAsync(alert, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            Assert.Null(minted.Note);
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            SlackFormatter.Write(alert, buffer, minted.Links);
            var payload = Encoding.UTF8.GetString(buffer.WrittenSpan);

            BlockKit.AssertValid(payload);
            var (links, buttons) = Read(payload);
            if (minted.Links is null)
            {
                Assert.NotEqual("anaya", name);
                Assert.Empty(links);
                Assert.Empty(buttons);
                return;
            }

            var token = TokenOf(Assert.Single(links));
            Assert.Equal([token, token], buttons);
            Assert.Equal(alert.Principal.Arn, Verify(token, "111122223333", DateTimeOffset.UtcNow).PrincipalArn);
            using var doc = JsonDocument.Parse(payload);
            var blocks = doc.RootElement.GetProperty("attachments")[0].GetProperty("blocks").EnumerateArray().ToList();
            Assert.DoesNotContain(
                blocks.Where(b => b.GetProperty("type").GetString() == "rich_text").SelectMany(b => b.GetProperty("elements").EnumerateArray()).SelectMany(s => s.GetProperty("elements").EnumerateArray()),
                e => e.GetProperty("type").GetString() == "user");
            var mrkdwn = doc.RootElement.GetProperty("text").GetString() + blocks[^1].GetProperty("elements")[0].GetProperty("text").GetString();
            Assert.DoesNotContain("<!", mrkdwn, StringComparison.Ordinal);
            Assert.DoesNotContain("<@", mrkdwn, StringComparison.Ordinal);
        }, iter: 500, threads: 1);
    }
}
