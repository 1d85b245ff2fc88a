using System.Text;
using Microsoft.Extensions.Time.Testing;
using SigninToSlack.Alerts;
using SigninToSlack.Configuration;
using SigninToSlack.Formatting;
using SigninToSlack.Processing;
using SigninToSlack.Secrets;
using SigninToSlack.Tests.Support;
using SigninToSlack.Tokens;
using static SigninToSlack.Tests.Support.ResponseLinkPayloads;

namespace SigninToSlack.Tests.Processing;

/// <summary>Which alerts get a "That wasn't me" link, and what its token says, from the minter to the posted payload.</summary>
public sealed class ResponseLinkMinterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.FromHours(1));

    private static ResponseLinkMinter Minter(
        TimeProvider? time = null, bool buttons = true, string? account = null, string[]? own = null, TimeSpan? ttl = null) =>
        new(new Uri(RespondUrl), new PlainSecret<string>(LinkKey), ttl ?? RespondSettings.DefaultLinkTtl, account,
            new HashSet<string>(own ?? [], StringComparer.Ordinal), buttons, time ?? new FakeTimeProvider(Now));

    private static SigninAlert Eligible => Samples.AlertFromFile("iam-user-success-mfa.json", keepArn: true);

    private static async Task<ResponseLinks?> LinksAsync(SigninAlert alert, ResponseLinkMinter? minter = null)
    {
        var minted = await (minter ?? Minter()).MintAsync(alert, CancellationToken.None);
        Assert.Null(minted.Note);
        return minted.Links;
    }

    [Fact]
    public async Task Mint_IamUserSuccess_TokenVerifiesToTheAccountPrincipalEventMemberAndExpiry()
    {
        var alert = Eligible with { Context = new AlertContext(MemberId: "U0ANAYA1") };

        var links = await LinksAsync(alert);

        Assert.NotNull(links);
        var token = TokenOf(links.PageUrl);
        Assert.Equal(token, links.ButtonToken);
        var read = Verify(token, "111122223333", Now);
        Assert.Equal("arn:aws:iam::111122223333:user/anaya", read.PrincipalArn);
        Assert.Equal("fed06f42-cb12-4764-8c69-121063dc79b9", read.EventId);
        Assert.Equal("U0ANAYA1", read.Member);
        Assert.Empty(read.Keys);
        Assert.Equal(Now + TimeSpan.FromMinutes(30), read.ExpiresAt);
        Assert.Equal(read.ExpiresAt, links.ExpiresAt);
        Assert.Equal(ContainedKind.IamUser, links.Kind);

        // Past its TTL the Respond function refuses it.
        Assert.Equal(
            TokenProblem.Expired,
            TokenCodec.Verify(token, Encoding.UTF8.GetBytes(LinkKey), TokenPurpose.Contain, "111122223333", Now.AddMinutes(30), out _));
    }

    [Fact]
    public void Read_KeepArn_ReadsANamedUsersArnThatIsOtherwiseNotMade()
    {
        var bytes = Samples.File("iam-user-success-mfa.json");

        Assert.Null(SigninProcessor.Read(bytes).Alert!.Principal.Arn);
        Assert.Equal("arn:aws:iam::111122223333:user/anaya", SigninProcessor.Read(bytes, keepArn: true).Alert!.Principal.Arn);
    }

    [Fact]
    public async Task Mint_ConfiguredTtlAndNoMember_ExpiresThenAndCarriesNoMember()
    {
        var links = await LinksAsync(Eligible, Minter(ttl: TimeSpan.FromMinutes(5)));

        var read = Verify(TokenOf(links!.PageUrl), "111122223333", Now);
        Assert.Equal(Now.AddMinutes(5), read.ExpiresAt);
        Assert.Null(read.Member);
    }

    [Theory]
    [InlineData("iam-user-success-mfa.json", nameof(ContainedKind.IamUser))]
    [InlineData("iam-user-success-no-mfa.json", nameof(ContainedKind.IamUser))]
    [InlineData("legacy-no-eventtype.json", nameof(ContainedKind.IamUser))]
    [InlineData("switch-role.json", nameof(ContainedKind.Role))]
    [InlineData("assumed-role-federated.json", nameof(ContainedKind.Role))]
    [InlineData("assumed-role-sso.json", nameof(ContainedKind.IdentityCenter))]
    public async Task Mint_ContainableSuccessSample_GetsALinkOfItsKind(string sample, string kind)
    {
        var alert = Samples.AlertFromFile(sample, keepArn: true);

        var links = await LinksAsync(alert);

        Assert.Equal(Enum.Parse<ContainedKind>(kind), links?.Kind);
        Assert.Equal(alert.Principal.Arn, Verify(TokenOf(links!.PageUrl), alert.AccountId!, Now).PrincipalArn);
    }

    [Theory]
    [InlineData("iam-user-failure.json")]
    [InlineData("root-success.json")]
    [InlineData("root-failure.json")]
    [InlineData("password-updated.json")]
    [InlineData("masked-user-failure.json")]
    [InlineData("assumed-role-saml.json")] // an assumed-role ARN under iam, not sts: not one the Respond function contains
    [InlineData("check-mfa.json")] // no ARN recorded
    [InlineData("identity-center-user-authentication-identitycenteruser.json")]
    [InlineData("signin-anomaly-fields.json")]
    [InlineData("watcher/cloudtrail-stop-logging.json")]
    public async Task Mint_SampleThatCannotBeContained_GetsNoLinkAndNoNote(string sample)
    {
        Assert.Null(await LinksAsync(Samples.AlertFromFile(sample, keepArn: true)));
    }

    /// <summary>One rule at a time broken on an alert that otherwise gets a link.</summary>
    private static readonly Dictionary<string, Func<SigninAlert, SigninAlert>> Broken = new(StringComparer.Ordinal)
    {
        ["failure"] = a => a with { Outcome = Outcome.Failure },
        ["unknown outcome"] = a => a with { Outcome = Outcome.Unknown },
        ["tamper alert"] = a => a with { Kind = AlertKind.Tamper },
        ["sign-in service event"] = a => a with { Kind = AlertKind.SigninService },
        ["masked"] = a => a with { Principal = a.Principal with { Masked = true } },
        ["root kind"] = a => a with { Principal = a.Principal with { Kind = PrincipalKind.Root } },
        ["root ARN"] = a => a with { Principal = a.Principal with { Arn = "arn:aws:iam::111122223333:root" } },
        ["role ARN for a user"] = a => a with { Principal = a.Principal with { Arn = "arn:aws:iam::111122223333:role/admin" } },
        ["assumed-role ARN for an IAM user"] = a => a with { Principal = a.Principal with { Arn = "arn:aws:sts::111122223333:assumed-role/admin/s" } },
        ["federated user"] = a => a with { Principal = a.Principal with { Kind = PrincipalKind.FederatedUser, Arn = "arn:aws:sts::111122223333:federated-user/bob" } },
        ["no ARN"] = a => a with { Principal = a.Principal with { Arn = null } },
        ["ARN of another account"] = a => a with { Principal = a.Principal with { Arn = "arn:aws:iam::444455556666:user/anaya" } },
        ["ARN of another partition"] = a => a with { Principal = a.Principal with { Arn = "arn:aws-iso:iam::111122223333:user/anaya" } },
        ["ARN with mrkdwn"] = a => a with { Principal = a.Principal with { Arn = "arn:aws:iam::111122223333:user/<!channel>" } },
        ["ARN with a space"] = a => a with { Principal = a.Principal with { Arn = "arn:aws:iam::111122223333:user/ana ya" } },
        ["ARN with a line break"] = a => a with { Principal = a.Principal with { Arn = "arn:aws:iam::111122223333:user/anaya\nx" } },
        ["ARN with an empty path segment"] = a => a with { Principal = a.Principal with { Arn = "arn:aws:iam::111122223333:user//anaya" } },
        ["no event ID"] = a => a with { EventId = null },
        ["event ID not CloudTrail's"] = a => a with { EventId = "abc<|>" },
        ["event ID with a line break"] = a => a with { EventId = "abc\ndef" },
        ["account not 12 digits"] = a => a with { AccountId = "1111-2222-3333" },
        ["no account"] = a => a with { AccountId = null },
    };

    public static TheoryData<string> Rules() => [.. Broken.Keys];

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Mint_OneRuleBroken_GetsNoLink(string rule)
    {
        Assert.NotNull(await LinksAsync(Eligible));

        Assert.Null(await LinksAsync(Broken[rule](Eligible)));
    }

    [Fact]
    public async Task Mint_OwnPrincipals_UserAndRoleByNameGetNoLink()
    {
        var minter = Minter(own: ["anaya", "assume-admin-role-example"]);

        Assert.Null(await LinksAsync(Eligible, minter));
        Assert.Null(await LinksAsync(Samples.AlertFromFile("switch-role.json", keepArn: true), minter));
        Assert.NotNull(await LinksAsync(Samples.AlertFromFile("assumed-role-sso.json", keepArn: true), minter));
    }

    [Fact]
    public async Task Mint_RespondAccountSet_OnlyThatAccountsSignInsGetALink()
    {
        Assert.NotNull(await LinksAsync(Eligible, Minter(account: "111122223333")));
        Assert.Null(await LinksAsync(Eligible, Minter(account: "444455556666")));
        Assert.Null(await LinksAsync(Samples.AlertFromFile("assumed-role-federated.json", keepArn: true), Minter(account: "111122223333")));
    }

    [Fact]
    public async Task Mint_WithoutSigningSecret_LinkButNoButtons()
    {
        var links = await LinksAsync(Eligible, Minter(buttons: false));

        Assert.NotNull(links);
        Assert.Null(links.ButtonToken);
        var (pageLinks, buttons) = Read(Encoding.UTF8.GetString(Format(Eligible, links)));
        Assert.Single(pageLinks);
        Assert.Empty(buttons);
    }

    [Fact]
    public async Task Mint_MemberIdNotOfSlacksForm_IsLeftOutOfTheToken()
    {
        var links = await LinksAsync(Eligible with { Context = new AlertContext(MemberId: "<@U1>") });

        Assert.Null(Verify(links!.ButtonToken!, "111122223333", Now).Member);
    }

    [Fact]
    public void For_SettingsWithoutUrlOrKey_MakesNoMinter()
    {
        var settings = SettingsReader.Read(new Dictionary<string, string?> { ["SIGNIN_LINK_KEY"] = LinkKey }.GetValueOrDefault, requireWebhook: false);

        Assert.False(settings.Respond.Links);
        Assert.Null(ResponseLinkMinter.For(settings.Respond, new PlainSecret<string>(LinkKey), TimeProvider.System));
    }

    /// <summary>The whole payload of one alert with its link and buttons, at a fixed time with a fixed key: any change shows as a diff.</summary>
    [Fact]
    public async Task Write_IamUserSuccessWithLinksAndButtons_MatchesGoldenPayload()
    {
        var alert = Eligible with { Context = new AlertContext(MemberId: "U0ANAYA1") };
        var links = await LinksAsync(alert, Minter(new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero))));

        var payload = Encoding.UTF8.GetString(Format(alert, links));

        BlockKit.AssertValid(payload);
        var golden = File.ReadAllText(Path.Combine(RepoFiles.Root, "test", "SigninToSlack.Tests", "Formatting", "golden", "iam-user-success-links.payload.json")).TrimEnd();
        Assert.Equal(golden, payload);
    }

    private static byte[] Format(SigninAlert alert, ResponseLinks? links)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        SlackFormatter.Write(alert, buffer, links);
        return buffer.WrittenSpan.ToArray();
    }
}
