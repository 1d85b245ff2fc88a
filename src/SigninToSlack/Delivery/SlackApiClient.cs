using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text;
using SigninToSlack.Configuration;
using SigninToSlack.Secrets;
using SigninToSlack.Serialization;

namespace SigninToSlack.Delivery;

/// <summary>
/// The two Slack Web API methods that tell a person directly: chat.postMessage to their member ID, and
/// users.lookupByEmail. HTTP is handled like the webhook's, and a logical error (HTTP 200 with ok:false) ends the
/// call with Slack's error code. A lookup has a short budget of its own and waits for no long Retry-After; its
/// answer is kept for the container's life, and its failure for <see cref="SlackRetryOptions.LookupFailureMemory"/>,
/// so that a failing Web API is not asked on every event. The token goes in each request's Authorization header
/// and in no message.
/// </summary>
internal sealed class SlackApiClient(HttpClient http, ISecret<string> token, Uri baseUrl, SlackRetryOptions options, TimeProvider timeProvider)
{
    private readonly SlackSender _sender = new(http, options, timeProvider);
    private readonly SlackSender _lookupSender = new(
        http,
        options with { MaxRetries = Math.Min(options.MaxRetries, 1), AttemptTimeout = options.LookupBudget, MaxRetryAfter = options.LookupMaxRetryAfter },
        timeProvider);

    private readonly ConcurrentDictionary<string, string> _membersByEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, LookupFailure> _failedEmails = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Posts an incoming-webhook payload (text, attachments, ...) as a message to <paramref name="channel"/>, a member ID for a DM.</summary>
    /// <exception cref="SlackDeliveryException">Slack did not take the message.</exception>
    public async Task PostMessageAsync(string channel, ReadOnlyMemory<byte> payload, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        if (payload.Length < 2 || payload.Span[0] != (byte)'{')
        {
            throw new ArgumentException("the payload must be a JSON object", nameof(payload));
        }

        // chat.postMessage takes the webhook's fields as they are, plus the channel: {"channel":"U…", then the payload's members.
        var prefix = $"{{\"channel\":{JsonSerializer.Serialize(channel, AppJsonSerializerContext.Default.String)}";
        var body = new byte[Encoding.UTF8.GetByteCount(prefix) + payload.Length - 1 + (payload.Span[1] == (byte)'}' ? 0 : 1)];
        var written = Encoding.UTF8.GetBytes(prefix, body);
        if (payload.Span[1] != (byte)'}')
        {
            body[written++] = (byte)',';
        }

        payload.Span[1..].CopyTo(body.AsSpan(written));
        await CallAsync(_sender, "chat.postMessage", new ByteArrayContent(body) { Headers = { ContentType = SlackWebhookClient.Json } }, deadline, cancellationToken);
    }

    /// <summary>The member ID an earlier lookup found for this e-mail address; null when none did (yet).</summary>
    public string? KnownMemberId(string email) => _membersByEmail.TryGetValue(email, out var id) ? id : null;

    /// <summary>
    /// The member ID of the Slack user with this e-mail address: found once per container, within
    /// <see cref="SlackRetryOptions.LookupBudget"/>. A failure is remembered for <see cref="SlackRetryOptions.LookupFailureMemory"/>
    /// and answered from memory until then.
    /// </summary>
    /// <exception cref="SlackDeliveryException">Slack could not be asked, or knows no such user (users_not_found), now or in a remembered attempt.</exception>
    public async Task<string> LookupByEmailAsync(string email, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(email);
        if (_membersByEmail.TryGetValue(email, out var known))
        {
            return known;
        }

        var now = timeProvider.GetUtcNow();
        if (_failedEmails.TryGetValue(email, out var failed) && now < failed.Until)
        {
            throw new SlackDeliveryException($"{failed.Problem} (not asked again for {Minutes(options.LookupFailureMemory)} min)");
        }

        using var budget = new CancellationTokenSource(options.LookupBudget, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        var lookupDeadline = now + options.LookupBudget < deadline ? now + options.LookupBudget : deadline;
        try
        {
            var answer = await CallAsync(_lookupSender, "users.lookupByEmail", new FormUrlEncodedContent([new("email", email)]), lookupDeadline, linked.Token);
            if (answer.User?.Id is not { } id || !SlackMemberId.IsValid(id))
            {
                throw new SlackDeliveryException("Slack users.lookupByEmail answered ok without a member ID");
            }

            _membersByEmail[email] = id;
            _failedEmails.TryRemove(email, out _);
            return id;
        }
        catch (SlackDeliveryException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The invocation's own end is no verdict on the address; anything else is remembered.
            var problem = budget.IsCancellationRequested
                ? $"Slack users.lookupByEmail did not answer within its {options.LookupBudget.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s budget"
                : ex.Message;
            _failedEmails[email] = new LookupFailure(problem, timeProvider.GetUtcNow() + options.LookupFailureMemory);
            throw new SlackDeliveryException(problem, ex);
        }
    }

    private static string Minutes(TimeSpan time) => time.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture);

    private async Task<SlackApiAnswer> CallAsync(SlackSender sender, string method, HttpContent content, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        using (content)
        {
            var what = "Slack " + method;
            string bearer;
            try
            {
                bearer = await token.GetAsync(cancellationToken);
            }
            catch (SecretResolutionException ex)
            {
                throw new SlackDeliveryException(ex.Message, ex);
            }
            catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
            {
                throw new SlackDeliveryException($"{what}: gave up at the invocation deadline while reading {token}", ex);
            }
            catch (OperationCanceledException ex)
            {
                // Not the caller's: a handshake with the secret's service that never completed (the client's connect timeout).
                throw new SlackDeliveryException($"{token} could not be resolved: no connection", ex);
            }

            var url = new Uri(baseUrl, method);
            ReadOnlyMemory<byte> bytes = await content.ReadAsByteArrayAsync(cancellationToken);
            var type = content.Headers.ContentType;
            var body = await sender.SendAsync(
                what,
                () =>
                {
                    // Each attempt gets its own request, header and all; the shared client's defaults are never touched.
                    var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ReadOnlyMemoryContent(bytes) };
                    request.Content.Headers.ContentType = type;
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                    return request;
                },
                readBody: true,
                deadline,
                cancellationToken);

            SlackApiAnswer? answer;
            try
            {
                answer = JsonSerializer.Deserialize(body, AppJsonSerializerContext.Default.SlackApiAnswer);
            }
            catch (JsonException)
            {
                answer = null;
            }

            return answer switch
            {
                null => throw new SlackDeliveryException($"{what} answered 200 without a JSON answer"),
                { Ok: false } => throw new SlackDeliveryException($"{what} answered ok:false {Code(answer.Error)}"),
                _ => answer,
            };
        }
    }

    /// <summary>Slack's error codes are short snake_case words; anything else is cut, so no answer can flood a log line.</summary>
    private static string Code(string? error) =>
        string.IsNullOrEmpty(error) ? "(no error code)" : error.Length > 80 ? error[..80] : error;

    private sealed record LookupFailure(string Problem, DateTimeOffset Until);
}
