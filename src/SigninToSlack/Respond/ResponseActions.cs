using System.Text;
using SigninToSlack.Containment;
using SigninToSlack.Delivery;
using SigninToSlack.Iam;
using SigninToSlack.Secrets;
using SigninToSlack.Tokens;
using ContainmentService = SigninToSlack.Containment.Containment;

namespace SigninToSlack.Respond;

/// <summary>How an action on a checked token ended.</summary>
internal enum ActStatus
{
    /// <summary>Done as far as it could be: see the containment result.</summary>
    Done,

    /// <summary>This token was used for this action already: nothing was done.</summary>
    Reused,

    /// <summary>Whether the token was used could not be checked: nothing was done, and the token still works.</summary>
    LedgerDown,

    /// <summary>IAM refused or could not be reached before anything was changed; the token is used up.</summary>
    IamFailed,
}

/// <summary>What an action came to; <see cref="AdminsTold"/> is false when the admins' message could not be posted.</summary>
internal sealed record ActResult(ActStatus Status, ContainmentResult? Result = null, string? Failure = null, bool AdminsTold = true);

/// <summary>
/// What a checked token does, whichever way it came (the page's form or a Slack button): it is used up first (two
/// presses at once must not both act), then the principal is contained or the containment undone, then the admins
/// are told, with an undo of their own after a containment.
/// </summary>
internal sealed class ResponseActions(
    ISecret<string> linkKey, ContainmentService containment, ITokenLedger ledger, string account, RespondOptions options, TimeProvider timeProvider, Action<string> log)
{
    public const string ContainAction = "wasnt_me";
    public const string UndoAction = "undo";
    public const string WasMeAction = "was_me";

    public string Account => account;

    public RespondOptions Options => options;

    /// <summary>The link key as bytes.</summary>
    /// <exception cref="SecretResolutionException">The key could not be read.</exception>
    public async Task<byte[]> KeyAsync(CancellationToken cancellationToken) => Encoding.UTF8.GetBytes(await linkKey.GetAsync(cancellationToken));

    /// <summary>Records "that was me" once: true the first time. Nothing is contained or un-contained.</summary>
    /// <exception cref="TokenLedgerException">The ledger could not be asked.</exception>
    public Task<bool> RecordWasMeAsync(string text, ResponseToken token, CancellationToken cancellationToken) =>
        ledger.TryUseOnceAsync(TokenCodec.UseKey(text, WasMeAction), token.ExpiresAt, cancellationToken);

    /// <param name="reporter">The Slack member who pressed the button; null for the page.</param>
    /// <param name="respondUrl">This function's URL, for the admins' undo link.</param>
    /// <param name="buttons">Whether the admins' message may carry an Undo button (a Slack app answers it).</param>
    public async Task<ActResult> ActAsync(
        TokenPurpose purpose, string text, ResponseToken token, ContainmentTarget target, string? reporter, Uri? respondUrl, bool buttons, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(target);
        var action = purpose == TokenPurpose.Contain ? ContainAction : UndoAction;
        bool first;
        try
        {
            first = await ledger.TryUseOnceAsync(TokenCodec.UseKey(text, action), token.ExpiresAt, cancellationToken);
        }
        catch (TokenLedgerException ex)
        {
            log($"respond: {action} for {target.Arn} (event {token.EventId}) not done: {ex.Message}");
            return new ActResult(ActStatus.LedgerDown);
        }

        if (!first)
        {
            log($"respond: refused a Reused token for {target.Arn}");
            return new ActResult(ActStatus.Reused);
        }

        ContainmentResult result;
        try
        {
            result = purpose == TokenPurpose.Contain
                ? await containment.ContainAsync(target, cancellationToken)
                : await containment.UndoAsync(target, token.Keys, cancellationToken, token.ContainedAt);
        }
        catch (IamException ex)
        {
            log($"respond: {action} for {target.Arn} (event {token.EventId}) failed, nothing changed: {ex.Message}");
            var told = await TellAdminsAsync(SlackReplies.AdminNotice(reporter, target.Arn, token.EventId, null, ex.Message, null, null, purpose == TokenPurpose.Undo), cancellationToken);
            return new ActResult(ActStatus.IamFailed, Failure: ex.Message, AdminsTold: told);
        }

        log($"respond: {action} for {target.Arn} (event {token.EventId}){(reporter is null ? string.Empty : $" by {reporter}")}: {result.Outcome}: {result.Summary}{(result.Problem is null ? string.Empty : $"; {result.Problem}")}");
        byte[] notice;
        if (purpose == TokenPurpose.Contain)
        {
            Uri? undoUrl = null;
            string? undoToken = null;
            // Only a user's containment keeps anyone out (a role's ends old sessions only), so only it has an undo. With
            // the Slack app, the undo is a button that only SLACK_ADMINS may press; a link would work for anyone in the
            // admins' channel, so it is given only without the app.
            if (result.Changed && result.Target.Kind == TargetKind.IamUser)
            {
                var undo = new ResponseToken(TokenPurpose.Undo, account, target.Arn, token.EventId, timeProvider.GetUtcNow() + options.UndoTtl, result.Keys, ContainedAt: result.At);
                var minted = TokenCodec.Mint(undo, await KeyAsync(cancellationToken));
                if (buttons && minted.Length <= 2000)
                {
                    undoToken = minted;
                }
                else if (respondUrl is not null)
                {
                    undoUrl = new Uri(TokenCodec.PageLink(respondUrl, minted));
                }
            }

            notice = SlackReplies.AdminNotice(reporter, target.Arn, token.EventId, result, null, undoUrl, undoToken);
        }
        else
        {
            notice = SlackReplies.UndoNotice(reporter, target.Arn, result);
        }

        return new ActResult(ActStatus.Done, result, AdminsTold: await TellAdminsAsync(notice, cancellationToken));
    }

    /// <summary>Posts to the admins' channel; false (and a log line) when it could not be posted.</summary>
    public async Task<bool> TellAdminsAsync(byte[] payload, CancellationToken cancellationToken)
    {
        if (options.AdminChannel is not { } channel)
        {
            return false;
        }

        try
        {
            await channel.DeliverAsync(payload, timeProvider.GetUtcNow() + TimeSpan.FromSeconds(10), cancellationToken);
            return true;
        }
        catch (SlackDeliveryException ex)
        {
            log($"respond: the admins could not be told: {ex.Message}");
            return false;
        }
    }

    /// <summary>Posts an answer to a response_url; a failure is logged, never thrown.</summary>
    public async Task ReplyAsync(Uri? responseUrl, byte[] payload, TimeSpan within, CancellationToken cancellationToken)
    {
        if (responseUrl is null || options.ReplyTo is not { } replyTo)
        {
            return;
        }

        try
        {
            await replyTo(responseUrl).DeliverAsync(payload, timeProvider.GetUtcNow() + within, cancellationToken);
        }
        catch (SlackDeliveryException ex)
        {
            log($"respond: the answer to Slack could not be posted: {ex.Message}");
        }
    }
}
