using SigninToSlack.Configuration;
using SigninToSlack.Delivery;
using SigninToSlack.Secrets;

namespace SigninToSlack.Respond;

/// <summary>Hands a request the Respond function has acknowledged to an asynchronous invocation of itself.</summary>
internal interface IDeferral
{
    /// <returns>Null when queued; else why not, in one line (the caller then does the work itself).</returns>
    Task<string?> DeferAsync(byte[] payload, CancellationToken cancellationToken);
}

/// <summary>What the Respond function needs besides its link key, containment and ledger: the Slack app and the admins.</summary>
internal sealed record RespondOptions
{
    public static readonly RespondOptions None = new();

    /// <summary>The Slack app's signing secret (SLACK_SIGNING_SECRET); null: Slack's requests are refused.</summary>
    public ISecret<string>? SigningSecret { get; init; }

    /// <summary>Members who may answer any alert and undo a containment (SLACK_ADMINS).</summary>
    public IReadOnlySet<string> Admins { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The hosts a response_url may name: Slack's, and SLACK_EXTRA_HOSTS.</summary>
    public SlackHosts Hosts { get; init; } = SlackHosts.SlackOnly;

    /// <summary>Makes the sink for one response_url; null: answers to Slack are not posted.</summary>
    public Func<Uri, IPayloadSink>? ReplyTo { get; init; }

    /// <summary>Where the admins are told (SLACK_WEBHOOK_CRITICAL, else SLACK_WEBHOOK); null: nowhere.</summary>
    public IPayloadSink? AdminChannel { get; init; }

    /// <summary>Hands a button press to an asynchronous invocation; null: the work is done before Slack is answered.</summary>
    public IDeferral? Deferral { get; init; }

    /// <summary>This function's URL for the undo link (SIGNIN_RESPOND_URL); null: the function URL the request came to.</summary>
    public Uri? RespondUrl { get; init; }

    /// <summary>How long the admins' undo works.</summary>
    public TimeSpan UndoTtl { get; init; } = RespondSettings.DefaultUndoTtl;
}
