using System.Globalization;
using System.Text;
using System.Text.Json;
using SigninToSlack.Containment;
using SigninToSlack.Iam;
using SigninToSlack.Secrets;
using SigninToSlack.Serialization;
using SigninToSlack.Tokens;
using ContainmentService = SigninToSlack.Containment.Containment;

namespace SigninToSlack.Respond;

/// <summary>
/// The Respond function behind its function URL (payload format 2.0). A GET (what link scanners and unfurlers
/// send) only shows what the token is about and what a press of its button will do; only the page's POST acts,
/// once per token (<see cref="ITokenLedger"/>). A tampered, expired, reused or wrong-account token gets a page
/// that says so and a 4xx, changes nothing, and is logged. A request signed by Slack (the app's buttons) goes to
/// <see cref="SlackButtons"/>, and so does the asynchronous invocation that finishes one.
/// </summary>
internal sealed class RespondHandler
{
    public const string ContainAction = ResponseActions.ContainAction;
    public const string UndoAction = ResponseActions.UndoAction;

    private readonly ResponseActions _actions;
    private readonly SlackButtons _slack;
    private readonly string _account;
    private readonly TimeProvider _timeProvider;
    private readonly Action<string> _log;

    public RespondHandler(
        ISecret<string> linkKey, ContainmentService containment, ITokenLedger ledger, string account, TimeProvider timeProvider, Action<string> log, RespondOptions? options = null)
    {
        _actions = new ResponseActions(linkKey, containment, ledger, account, options ?? RespondOptions.None, timeProvider, log);
        _slack = new SlackButtons(_actions, timeProvider, log);
        _account = account;
        _timeProvider = timeProvider;
        _log = log;
    }

    /// <summary>Far above any form this function renders.</summary>
    private const int MaxBody = 16 * 1024;

    /// <summary>Slack's requests echo the message the button was on: far larger than the page's form, still bounded.</summary>
    private const int MaxSlackBody = 256 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <returns>The function URL response document.</returns>
    /// <exception cref="SecretResolutionException">The link key could not be read: the invocation fails.</exception>
    public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var response = await RespondAsync(payload, cancellationToken);
        return JsonSerializer.SerializeToUtf8Bytes(response, AppJsonSerializerContext.Default.FunctionUrlResponse);
    }

    private async Task<FunctionUrlResponse> RespondAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        FunctionUrlRequest? request;
        try
        {
            // The asynchronous invocation that finishes a button press: a shape no function URL request has.
            if (IsDeferred(payload.Span))
            {
                if (JsonSerializer.Deserialize(payload.Span, AppJsonSerializerContext.Default.DeferredSlackAction) is { } deferred)
                {
                    await _slack.HandleDeferredAsync(deferred, cancellationToken);
                }

                return Page(200, "Done", "Done.");
            }

            request = JsonSerializer.Deserialize(payload.Span, AppJsonSerializerContext.Default.FunctionUrlRequest);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request is null)
        {
            _log("respond: the invocation is not a function URL request");
            return Page(400, "Not a request", "This function answers its function URL only.");
        }

        var respondUrl = _actions.Options.RespondUrl ?? RespondUrls.FromDomain(request.RequestContext?.DomainName);
        switch (request.RequestContext?.Http?.Method?.ToUpperInvariant())
        {
            case "GET":
            case "HEAD":
                return await ConfirmAsync(Field(request.RawQueryString, TokenCodec.QueryField), cancellationToken);
            case "POST" when Header(request, SlackSignature.SignatureHeader) is not null || Header(request, SlackSignature.TimestampHeader) is not null:
                if (RawBody(request, MaxSlackBody) is not { } raw)
                {
                    _log("respond: refused a Slack request whose body is too large or not base64");
                    return Page(400, "Not understood", "The request was not Slack's.");
                }

                return await _slack.HandleAsync(Header(request, SlackSignature.TimestampHeader), Header(request, SlackSignature.SignatureHeader), raw, respondUrl, cancellationToken);
            case "POST":
                var form = Body(request);
                if (form is null)
                {
                    _log("respond: refused a POST whose body is not a form");
                    return Page(400, "Not understood", "The request was not the page's form.");
                }

                return await ActAsync(Field(form, "action"), Field(form, "token"), respondUrl, cancellationToken);
            default:
                return Page(405, "Not allowed", "Open the link from the alert.");
        }
    }

    /// <summary>Changes nothing and calls nothing but the link key: scanners and unfurlers fetch GETs.</summary>
    private async Task<FunctionUrlResponse> ConfirmAsync(string? text, CancellationToken cancellationToken)
    {
        var key = await _actions.KeyAsync(cancellationToken);
        var now = _timeProvider.GetUtcNow();
        var purpose = TokenPurpose.Contain;
        var problem = TokenCodec.Verify(text, key, purpose, _account, now, out var token);
        if (problem == TokenProblem.WrongPurpose)
        {
            purpose = TokenPurpose.Undo;
            problem = TokenCodec.Verify(text, key, purpose, _account, now, out token);
        }

        if (problem != TokenProblem.None || ContainmentTarget.Parse(token!.PrincipalArn) is not { } target)
        {
            return Refused(problem == TokenProblem.None ? TokenProblem.Malformed : problem, "GET");
        }

        var expires = $"This link works once, until {Clock(token.ExpiresAt)}.";
        if (purpose == TokenPurpose.Undo)
        {
            return Page(
                200,
                "Undo this containment?",
                [$"Principal: {target.Arn}", $"This removes the deny policy {ContainmentService.PolicyName}{(token.Keys.Count > 0 ? $" and reactivates the access keys {string.Join(", ", token.Keys)}" : string.Empty)}.", expires],
                ("Undo the containment", UndoAction, text!));
        }

        return Page(
            200,
            "Was this sign-in not you?",
            [$"A sign-in as {target.Arn} (event {token.EventId}) was reported to this account's security channel.", WhatWillBeDone(target), expires],
            ("That wasn't me: contain it now", ContainAction, text!));
    }

    private async Task<FunctionUrlResponse> ActAsync(string? action, string? text, Uri? respondUrl, CancellationToken cancellationToken)
    {
        var purpose = action switch
        {
            ContainAction => TokenPurpose.Contain,
            UndoAction => TokenPurpose.Undo,
            _ => (TokenPurpose?)null,
        };
        if (purpose is null)
        {
            _log("respond: refused a POST with an unknown action");
            return Page(400, "Not understood", "The request was not the page's form.");
        }

        var problem = TokenCodec.Verify(text, await _actions.KeyAsync(cancellationToken), purpose.Value, _account, _timeProvider.GetUtcNow(), out var token);
        if (problem != TokenProblem.None || ContainmentTarget.Parse(token!.PrincipalArn) is not { } target)
        {
            return Refused(problem == TokenProblem.None ? TokenProblem.Malformed : problem, "POST");
        }

        // The page's holder is not known: the token's member is who the alert was about, not who opened the link.
        var done = await _actions.ActAsync(purpose.Value, text!, token, target, null, respondUrl, buttons: _actions.Options.SigningSecret is not null, cancellationToken);
        switch (done.Status)
        {
            case ActStatus.LedgerDown:
                return Page(503, "Not done, try again", "Nothing was changed: whether this link was used already could not be checked. Press the button again in a minute.");
            case ActStatus.Reused:
                return Refused(TokenProblem.Reused, "POST", target.Arn);
            case ActStatus.IamFailed:
                return Page(502, "Not done", $"Nothing was changed: {done.Failure}. Tell your AWS administrators at once.");
        }

        var result = done.Result!;
        var (title, lead) = (purpose, result.Outcome) switch
        {
            (TokenPurpose.Undo, ContainmentOutcome.Done) => ("Undone", $"Undone at {Clock(result.At)}."),
            (_, ContainmentOutcome.Done) => ("Contained", $"Contained at {Clock(result.At)}."),
            (_, ContainmentOutcome.NeedsAction) => ("Reported", "Reported. Nothing was changed through IAM: an administrator must act."),
            _ => ("Reported, not contained", "Reported. This principal is never contained automatically."),
        };
        List<string> paragraphs = [lead, result.Summary];
        if (result.Problem is { } partial)
        {
            paragraphs.Add($"Not everything was done: {partial}. Tell your AWS administrators.");
        }

        paragraphs.Add(done.AdminsTold ? "Your security admins were told." : "Your security admins could not be told from here: tell them yourself.");
        return Page(200, title, paragraphs);
    }

    private static string WhatWillBeDone(ContainmentTarget target) => target.Kind switch
    {
        TargetKind.IamUser => $"Pressing the button denies every action to the IAM user {target.Name} (ending its current sessions) and deactivates its active access keys. Its password is kept, so that an administrator can undo this.",
        TargetKind.Role => $"Pressing the button ends every current session of the role {target.Name}: yours, the intruder's, and anyone else's using that role now. Sessions started afterwards work.",
        TargetKind.IdentityCenter => "Pressing the button reports it: IAM Identity Center sessions cannot be ended from here, so an administrator is asked to disable the user.",
        _ => "Pressing the button reports it; an administrator decides what to do.",
    };

    private FunctionUrlResponse Refused(TokenProblem problem, string method, string? arn = null)
    {
        _log($"respond: refused a {problem} token ({method}){(arn is null ? string.Empty : $" for {arn}")}");
        return problem switch
        {
            TokenProblem.Expired => Page(410, "This link has expired", "Links in alerts work for a short time only. If the sign-in was not you, tell your AWS administrators."),
            TokenProblem.Reused => Page(409, "This link was already used", "Each link works once. If the sign-in was not you, tell your AWS administrators."),
            TokenProblem.WrongAccount => Page(403, "Not this account's link", "This link is about another AWS account than the one this function protects."),
            TokenProblem.WrongPurpose => Page(400, "Not this kind of link", "The link does not match the button pressed."),
            _ => Page(400, "This link is not valid", "The link is damaged or was not made by this function. Open it from the alert again."),
        };
    }

    /// <summary>A deferred button press starts with its own marker property, which no function URL request has.</summary>
    private static bool IsDeferred(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        return reader.Read() && reader.TokenType == JsonTokenType.StartObject && reader.Read() && reader.TokenType == JsonTokenType.PropertyName
            && reader.ValueTextEquals("signinToSlackDeferred"u8);
    }

    /// <summary>A header of the request; function URLs give their names in lower case.</summary>
    private static string? Header(FunctionUrlRequest request, string name) =>
        request.Headers is { } headers && headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The body's bytes as they came (what Slack signed); null when too large or not valid base64.</summary>
    private static byte[]? RawBody(FunctionUrlRequest request, int max)
    {
        var body = request.Body ?? string.Empty;
        if (body.Length > max)
        {
            return null;
        }

        if (!request.IsBase64Encoded)
        {
            return Encoding.UTF8.GetBytes(body);
        }

        try
        {
            return Convert.FromBase64String(body);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Bytes as UTF-8 text; null when they are not valid UTF-8.</summary>
    internal static string? Utf8(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static FunctionUrlResponse Page(int status, string title, string paragraph) => Page(status, title, [paragraph]);

    private static FunctionUrlResponse Page(int status, string title, IEnumerable<string> paragraphs, (string, string, string)? form = null) =>
        new(status, new Dictionary<string, string>(ResponsePage.Headers, StringComparer.Ordinal), ResponsePage.Render(title, paragraphs, form));

    /// <summary>The body as text; null when it is too large or not valid base64 or UTF-8.</summary>
    private static string? Body(FunctionUrlRequest request) =>
        !request.IsBase64Encoded
            ? (request.Body is { Length: > MaxBody } ? null : request.Body ?? string.Empty)
            : RawBody(request, MaxBody) is { } raw ? Utf8(raw) : null;

    /// <summary>One field of a query string or form body (application/x-www-form-urlencoded); null when absent or given twice.</summary>
    internal static string? Field(string? encoded, string name)
    {
        string? found = null;
        foreach (var pair in (encoded ?? string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(equals < 0 ? pair : pair[..equals]);
            if (key != name)
            {
                continue;
            }

            if (found is not null)
            {
                return null;
            }

            found = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
        }

        return found;
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    private static string Clock(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

/// <summary>This function's own URL, for the links it mints: SIGNIN_RESPOND_URL, or the function URL a request came to.</summary>
internal static class RespondUrls
{
    /// <summary>https://&lt;domain&gt;/ for the function URL's domain that Lambda put in the request context; null when it is not a host name.</summary>
    public static Uri? FromDomain(string? domainName) =>
        domainName is { Length: > 0 and <= 253 } && domainName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-')
        && domainName.Contains('.', StringComparison.Ordinal)
            ? new Uri($"https://{domainName}/")
            : null;

    /// <summary>A URL handed on by the function itself (a deferred button press), checked like SIGNIN_RESPOND_URL.</summary>
    public static Uri? Parse(string value) => Configuration.RespondSettings.ParseUrl(value, out var url) is null ? url : null;
}
