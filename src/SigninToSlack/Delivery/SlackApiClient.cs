using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text;
using SigninToSlack.Configuration;
using SigninToSlack.Secrets;
using SigninToSlack.Serialization;

namespace SigninToSlack.Delivery;

/// <summary>
/// The two Slack Web API methods that tell a person directly: chat.postMessage to their member ID, and
/// users.lookupByEmail (cached for the container's life). HTTP is handled like the webhook's, and a logical error
/// (HTTP 200 with ok:false) ends the call with Slack's error code. The token goes in each request's Authorization
/// header and in no message.
/// </summary>
internal sealed class SlackApiClient(HttpClient http, ISecret<string> token, Uri baseUrl, SlackRetryOptions options, TimeProvider timeProvider)
{
    private readonly SlackSender _sender = new(http, options, timeProvider);
    private readonly ConcurrentDictionary<string, string> _membersByEmail = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Posts an incoming-webhook payload (text, attachments, ...) as a message to <paramref name="channel"/>, a member ID for a DM.</summary>
    /// <exception cref="SlackDeliveryException">Slack did not take the message.</exception>
    public async Task PostMessageAsync(string channel, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
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
        await CallAsync("chat.postMessage", new ByteArrayContent(body) { Headers = { ContentType = SlackWebhookClient.Json } }, cancellationToken);
    }

    /// <summary>The member ID of the Slack user with this e-mail address; looked up once per container.</summary>
    /// <exception cref="SlackDeliveryException">Slack could not be asked, or knows no such user (users_not_found).</exception>
    public async Task<string> LookupByEmailAsync(string email, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(email);
        if (_membersByEmail.TryGetValue(email, out var known))
        {
            return known;
        }

        var answer = await CallAsync("users.lookupByEmail", new FormUrlEncodedContent([new("email", email)]), cancellationToken);
        if (answer.User?.Id is not { } id || !SlackMemberId.IsValid(id))
        {
            throw new SlackDeliveryException("Slack users.lookupByEmail answered ok without a member ID");
        }

        _membersByEmail[email] = id;
        return id;
    }

    private async Task<SlackApiAnswer> CallAsync(string method, HttpContent content, CancellationToken cancellationToken)
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

            var body = await _sender.SendAsync(
                what,
                static s =>
                {
                    // Each attempt gets its own request, header and all; the shared client's defaults are never touched.
                    var request = new HttpRequestMessage(HttpMethod.Post, s.Url) { Content = new ReadOnlyMemoryContent(s.Body) };
                    request.Content.Headers.ContentType = s.Type;
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", s.Bearer);
                    return request;
                },
                (Url: new Uri(baseUrl, method), Body: (ReadOnlyMemory<byte>)await content.ReadAsByteArrayAsync(cancellationToken), Type: content.Headers.ContentType, Bearer: bearer),
                readBody: true,
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
}
