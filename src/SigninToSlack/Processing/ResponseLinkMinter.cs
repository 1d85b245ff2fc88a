using System.Text;
using SigninToSlack.Alerts;
using SigninToSlack.Configuration;
using SigninToSlack.Formatting;
using SigninToSlack.Identity;
using SigninToSlack.Secrets;
using SigninToSlack.Tokens;

namespace SigninToSlack.Processing;

/// <summary>
/// Mints the "That wasn't me" link, and with a Slack app the buttons' token, for an alert the Respond function can
/// act on: a successful sign-in, with a CloudTrail event ID, by an IAM user or an assumed-role session (IAM Identity
/// Center's included, which the Respond function reports to the administrators) of the alert's own account, and of
/// SIGNIN_ACCOUNT_ID when set, since the Respond function refuses another account's token. Never for root, a name AWS
/// hid, or one of SIGNIN_OWN_PRINCIPALS. Any other alert gets nothing, and reads no key.
/// </summary>
/// <param name="url">SIGNIN_RESPOND_URL: the page link is this with <c>?t=&lt;token&gt;</c>.</param>
/// <param name="key">SIGNIN_LINK_KEY, the key the Respond function checks tokens with.</param>
/// <param name="buttons">Whether SLACK_SIGNING_SECRET is set: a Slack app answers the buttons.</param>
internal sealed class ResponseLinkMinter(
    Uri url, ISecret<string> key, TimeSpan ttl, string? account, IReadOnlySet<string> ownPrincipals, bool buttons, TimeProvider timeProvider)
{
    /// <summary>How a note about a missing link starts.</summary>
    public const string NoLink = "no \"That wasn't me\" link";

    /// <summary>Far longer than any IAM user or role session ARN; a longer one would make a token no button can carry.</summary>
    private const int MaxArn = 1024;

    /// <summary>The minter the settings describe; null when SIGNIN_RESPOND_URL or SIGNIN_LINK_KEY is unset.</summary>
    public static ResponseLinkMinter? For(RespondSettings settings, ISecret<string> key, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Links
            ? new ResponseLinkMinter(settings.Url!, key, settings.LinkTtl, settings.Account, settings.OwnPrincipals, settings.SigningSecret is not null, timeProvider)
            : null;
    }

    /// <summary>
    /// The links for <paramref name="alert"/> (with its context: the member it mentions goes into the token); none for
    /// an alert that gets no link. When the key cannot be read or the token made, none either, with a one-line note that
    /// never holds the key. Only the caller's cancellation is thrown.
    /// </summary>
    public async ValueTask<MintedLinks> MintAsync(SigninAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (KindOf(alert) is not { } kind)
        {
            return default;
        }

        byte[] secret;
        try
        {
            secret = Encoding.UTF8.GetBytes(await key.GetAsync(cancellationToken));
        }
        catch (SecretResolutionException ex)
        {
            return new MintedLinks(null, $"{NoLink}: {ex.Message.ReplaceLineEndings(" ")}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The type only: the message of an unexpected fault could quote what it was reading.
            return new MintedLinks(null, $"{NoLink}: {RespondSettings.LinkKeyVariable} could not be read ({ex.GetType().Name})");
        }

        // Whole seconds, as the token keeps it, so that the alert shows the expiry the Respond function checks.
        var expires = DateTimeOffset.FromUnixTimeSeconds((timeProvider.GetUtcNow() + ttl).ToUnixTimeSeconds());
        var member = alert.Context?.MemberId is { } id && SlackMemberId.IsValid(id) ? id : null;
        string token;
        try
        {
            token = TokenCodec.Mint(new ResponseToken(TokenPurpose.Contain, alert.AccountId!, alert.Principal.Arn!, alert.EventId!, expires, [], member), secret);
        }
        catch (ArgumentException)
        {
            return new MintedLinks(null, $"{NoLink}: the sign-in's principal or event ID cannot go into a token");
        }

        return new MintedLinks(new ResponseLinks(TokenCodec.PageLink(url, token), expires, buttons ? token : null, kind), null);
    }

    /// <summary>What a "That wasn't me" would do for the alert's principal; null when the alert gets no link.</summary>
    internal ContainedKind? KindOf(SigninAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var principal = alert.Principal;
        if (alert.Kind != AlertKind.SignIn || alert.Outcome != Outcome.Success || principal.Masked || principal.Kind == PrincipalKind.Root
            || !CloudTrailLinks.IsEventId(alert.EventId) || !AwsNames.IsAccountId(alert.AccountId) || (account is not null && alert.AccountId != account)
            || principal.Arn is not { Length: > 0 and <= MaxArn } arn || arn.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return null;
        }

        // arn:<partition>:<service>::<account>:<resource>, of the alert's own account.
        if (!AwsNames.TryParseArn(arn, out var service, out var arnAccount, out var resource) || arnAccount != alert.AccountId)
        {
            return null;
        }

        // user/[path/]name, and assumed-role/<role>/<session>: the principals the Respond function contains, by the name it checks.
        return (service, resource, principal.Kind) switch
        {
            ("iam", ["user", .., var user], PrincipalKind.IamUser) when resource.Length >= 2 && AwsNames.IsIamName(user) && !ownPrincipals.Contains(user)
                => ContainedKind.IamUser,
            ("sts", ["assumed-role", var role, _], PrincipalKind.AssumedRole) when AwsNames.IsIamName(role) && !ownPrincipals.Contains(role)
                => AwsNames.HasIdentityCenterName(role) ? ContainedKind.IdentityCenter : ContainedKind.Role,
            _ => null,
        };
    }
}

/// <summary>An alert's links, or none, and why not when that is worth a log line.</summary>
/// <param name="Note">Set only when the alert should have had links: a key that could not be read, a token that could not be made.</param>
internal readonly record struct MintedLinks(ResponseLinks? Links, string? Note);
