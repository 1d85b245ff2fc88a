using System.Text;
using System.Text.Json;
using SigninToSlack.Containment;
using SigninToSlack.Serialization;
using SigninToSlack.Tokens;

namespace SigninToSlack.Respond;

/// <summary>
/// A press of an alert's buttons, from the Slack app's interactivity request. Slack's v0 signature over the raw body
/// is checked before anything else is read; then the token, then who pressed: the person the alert is about (the
/// member its signed token names) or an admin, and for an undo an admin only. Others get an ephemeral refusal. Slack
/// is answered within its 3 seconds: a containment is handed to an asynchronous invocation of this function, which
/// checks Slack's signature again, acts, tells the admins and updates the message through its response_url.
/// </summary>
internal sealed class SlackButtons(ResponseActions actions, TimeProvider timeProvider, Action<string> log)
{
    /// <summary>How old a deferred request may be when the asynchronous invocation reads it: its check, plus Lambda's queue.</summary>
    public static readonly TimeSpan DeferredMaxAge = TimeSpan.FromMinutes(15);

    private static readonly Dictionary<string, string> Headers = new(StringComparer.Ordinal) { ["content-type"] = "text/plain; charset=utf-8", ["cache-control"] = "no-store" };

    private RespondOptions Options => actions.Options;

    /// <summary>Answers Slack's request: 200 once it is checked (the outcome reaches the member through response_url), 401 or 403 when it is not Slack's.</summary>
    public async Task<FunctionUrlResponse> HandleAsync(string? timestamp, string? signature, byte[] body, Uri? respondUrl, CancellationToken cancellationToken)
    {
        if (await CheckAsync(timestamp, signature, body, SlackSignature.MaxAge, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Read(body) is not { } interaction)
        {
            return Ok;
        }

        if (await DecideAsync(interaction, cancellationToken) is not { } decided)
        {
            return Ok;
        }

        var (token, target) = decided;
        if (interaction.ActionId != SlackInteraction.WasMe && Options.Deferral is { } deferral)
        {
            var deferred = new DeferredSlackAction(1, timestamp!, signature!, Convert.ToBase64String(body), respondUrl?.AbsoluteUri);
            var problem = await deferral.DeferAsync(JsonSerializer.SerializeToUtf8Bytes(deferred, AppJsonSerializerContext.Default.DeferredSlackAction), cancellationToken);
            if (problem is null)
            {
                return Ok;
            }

            log($"respond: could not hand the button press to an asynchronous invocation, doing it now: {problem}");
        }

        await CompleteAsync(interaction, token, target, respondUrl, cancellationToken);
        return Ok;
    }

    /// <summary>The asynchronous invocation's half: the same checks again, then the work.</summary>
    public async Task HandleDeferredAsync(DeferredSlackAction deferred, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deferred);
        byte[] body;
        try
        {
            body = Convert.FromBase64String(deferred.Body);
        }
        catch (FormatException ex)
        {
            throw new DeferredActionRefusedException("refused a deferred button press whose body is not base64", ex);
        }

        // Fails the invocation, so that the function's failure queue keeps it (and its alarm goes off): only this
        // function queues such events, after checking the same signature, so a refusal here is worth a look.
        if (await CheckAsync(deferred.Timestamp, deferred.Signature, body, DeferredMaxAge, cancellationToken) is not null)
        {
            throw new DeferredActionRefusedException($"refused a deferred button press: Slack's signature does not check, or it is older than {DeferredMaxAge.TotalMinutes} minutes");
        }

        if (Read(body) is not { } interaction || await DecideAsync(interaction, cancellationToken) is not { } decided)
        {
            return;
        }

        Uri? respondUrl = null;
        if (deferred.RespondUrl is { } url && RespondUrls.Parse(url) is { } parsed)
        {
            respondUrl = parsed;
        }

        await CompleteAsync(interaction, decided.Token, decided.Target, respondUrl, cancellationToken);
    }

    private static FunctionUrlResponse Ok => new(200, new Dictionary<string, string>(Headers, StringComparer.Ordinal), string.Empty);

    private static FunctionUrlResponse Refuse(int status, string text) => new(status, new Dictionary<string, string>(Headers, StringComparer.Ordinal), text);

    /// <summary>Null when the request is Slack's, signed with this app's secret, and fresh.</summary>
    private async Task<FunctionUrlResponse?> CheckAsync(string? timestamp, string? signature, byte[] body, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        if (Options.SigningSecret is not { } secret)
        {
            log($"respond: refused a Slack request: {Configuration.RespondSettings.SigningSecretVariable} is not set");
            return Refuse(403, "This function has no Slack app configured.");
        }

        var check = SlackSignature.Verify(Encoding.UTF8.GetBytes(await secret.GetAsync(cancellationToken)), timestamp, signature, body, timeProvider.GetUtcNow(), maxAge);
        if (check != SlackSignatureCheck.Valid)
        {
            log($"respond: refused a Slack request: signature {check}");
            return Refuse(401, "Not signed by this Slack app.");
        }

        return null;
    }

    private SlackInteraction? Read(byte[] body)
    {
        if (RespondHandler.Utf8(body) is not { } text)
        {
            log("respond: ignored a Slack request whose body is not UTF-8");
            return null;
        }

        if (RespondHandler.Field(text, "payload") is not { } payload)
        {
            log("respond: ignored a Slack request without one payload field");
            return null;
        }

        var interaction = SlackInteraction.Parse(payload, Options.Hosts, out var problem);
        if (interaction is null)
        {
            log($"respond: ignored a Slack request: {problem}");
        }

        return interaction;
    }

    /// <summary>The token and its principal when the token holds and the one who pressed may answer; else the refusal is posted and null returned.</summary>
    private async Task<(ResponseToken Token, ContainmentTarget Target)?> DecideAsync(SlackInteraction interaction, CancellationToken cancellationToken)
    {
        var purpose = interaction.ActionId == SlackInteraction.Undo ? TokenPurpose.Undo : TokenPurpose.Contain;
        var problem = TokenCodec.Verify(interaction.Value, await actions.KeyAsync(cancellationToken), purpose, actions.Account, timeProvider.GetUtcNow(), out var token);
        var target = problem == TokenProblem.None ? ContainmentTarget.Parse(token!.PrincipalArn) : null;
        if (problem == TokenProblem.None && target is null)
        {
            problem = TokenProblem.Malformed;
        }

        if (problem != TokenProblem.None)
        {
            log($"respond: refused a {problem} token (Slack {interaction.ActionId} by {interaction.UserId})");
            await actions.ReplyAsync(interaction.ResponseUrl, SlackReplies.Ephemeral(Refusal(problem)), TimeSpan.FromSeconds(2), cancellationToken);
            return null;
        }

        var admin = Options.Admins.Contains(interaction.UserId);
        var allowed = purpose == TokenPurpose.Undo ? admin : admin || (token!.Member is { } member && member == interaction.UserId);
        if (!allowed)
        {
            log($"respond: refused {interaction.ActionId} by {interaction.UserId} for {target!.Arn}: neither {(purpose == TokenPurpose.Undo ? "an admin" : "the person the alert is about nor an admin")}");
            await actions.ReplyAsync(
                interaction.ResponseUrl,
                SlackReplies.Ephemeral(purpose == TokenPurpose.Undo
                    ? "Only a security admin can undo a containment."
                    : "Only the person this alert is about, or a security admin, can answer it."),
                TimeSpan.FromSeconds(2),
                cancellationToken);
            return null;
        }

        return (token!, target!);
    }

    private async Task CompleteAsync(SlackInteraction interaction, ResponseToken token, ContainmentTarget target, Uri? respondUrl, CancellationToken cancellationToken)
    {
        var within = TimeSpan.FromSeconds(10);
        if (interaction.ActionId == SlackInteraction.WasMe)
        {
            bool first;
            try
            {
                first = await actions.RecordWasMeAsync(interaction.Value, token, cancellationToken);
            }
            catch (TokenLedgerException ex)
            {
                log($"respond: was_me for {target.Arn} by {interaction.UserId} not recorded: {ex.Message}");
                await actions.ReplyAsync(interaction.ResponseUrl, SlackReplies.Ephemeral("Not recorded: press the button again in a minute."), within, cancellationToken);
                return;
            }

            log($"respond: was_me for {target.Arn} (event {token.EventId}) by {interaction.UserId}{(first ? string.Empty : ": already recorded")}");
            await actions.ReplyAsync(
                interaction.ResponseUrl,
                first ? SlackReplies.Answered(interaction, $"that was me ({SlackReplies.Clock(timeProvider.GetUtcNow())})", keepButtons: true) : SlackReplies.Ephemeral("This was already answered."),
                within,
                cancellationToken);
            return;
        }

        var purpose = interaction.ActionId == SlackInteraction.Undo ? TokenPurpose.Undo : TokenPurpose.Contain;
        var result = await actions.ActAsync(purpose, interaction.Value, token, target, interaction.UserId, respondUrl ?? Options.RespondUrl, buttons: true, cancellationToken);
        var reply = result.Status switch
        {
            ActStatus.Reused => SlackReplies.Ephemeral("This was already answered."),
            ActStatus.LedgerDown => SlackReplies.Ephemeral("Nothing was changed: whether this was answered already could not be checked. Press the button again in a minute."),
            ActStatus.IamFailed => SlackReplies.Answered(interaction, $"{Verb(purpose)}: NOT done, nothing was changed ({result.Failure}); tell your AWS administrators"),
            _ => SlackReplies.Answered(interaction, Status(purpose, result.Result!)),
        };
        await actions.ReplyAsync(interaction.ResponseUrl, reply, within, cancellationToken);
    }

    private static string Verb(TokenPurpose purpose) => purpose == TokenPurpose.Undo ? "undo" : "that wasn't me";

    private static string Status(TokenPurpose purpose, ContainmentResult result) => (purpose, result.Outcome) switch
    {
        (TokenPurpose.Undo, ContainmentOutcome.Done) => $"undone at {SlackReplies.Clock(result.At)}",
        (_, ContainmentOutcome.Done) => $"that wasn't me: contained at {SlackReplies.Clock(result.At)}{(result.Problem is null ? string.Empty : " (not everything: the admins were told)")}",
        (_, ContainmentOutcome.NeedsAction) => "that wasn't me: reported to the admins, who must act",
        _ => "that wasn't me: reported to the admins (this principal is never contained automatically)",
    };

    private static string Refusal(TokenProblem problem) => problem switch
    {
        TokenProblem.Expired => "These buttons have expired. If the sign-in was not you, tell your AWS administrators.",
        TokenProblem.WrongAccount => "This alert is about another AWS account than the one this function protects.",
        TokenProblem.WrongPurpose => "This button does not match its alert.",
        _ => "These buttons were not made by this function.",
    };
}

/// <summary>An asynchronous invocation carried a button press that does not check: nothing was done.</summary>
internal sealed class DeferredActionRefusedException(string message, Exception? innerException = null) : FunctionException(message, innerException);
