using System.Net.Http.Headers;
using SigninToSlack.Secrets;

namespace SigninToSlack.Delivery;

/// <summary>
/// Posts payloads to one incoming webhook. Success is a 2xx answer; 429 waits for Retry-After, 5xx, timeouts
/// and connection failures back off and retry, and any other answer fails at once, except that a stored webhook
/// answered 403 or 404 is read again and, if it changed, posted to once more. Every failure, a stored webhook that
/// cannot be read in time included, is a <see cref="SlackDeliveryException"/>.
/// </summary>
internal sealed class SlackWebhookClient : IPayloadSink
{
    public const string DefaultName = "Slack webhook";

    internal static readonly MediaTypeHeaderValue Json = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    private readonly ISecret<Uri> _webhook;
    private readonly SlackSender _sender;
    private readonly string _name;

    /// <param name="webhook">The webhook, resolved once per delivery (a stored one comes from the secrets cache).</param>
    /// <param name="name">What messages call this webhook, e.g. "Slack webhook (critical)"; never its URL.</param>
    public SlackWebhookClient(HttpClient http, ISecret<Uri> webhook, SlackRetryOptions options, TimeProvider timeProvider, string name = DefaultName)
    {
        _webhook = webhook;
        _sender = new SlackSender(http, options, timeProvider);
        _name = name;
    }

    public async Task DeliverAsync(ReadOnlyMemory<byte> payload, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var webhook = await WebhookAsync(cancellationToken);
        try
        {
            await PostAsync(webhook, payload, deadline, cancellationToken);
        }
        catch (SlackDeliveryException ex) when (ex.Status is 403 or 404 && _webhook.Invalidate())
        {
            // A stored webhook Slack no longer knows may have been rotated: read it again, and post once more only
            // if it changed (the same URL would get the same answer).
            var fresh = await WebhookAsync(cancellationToken);
            if (fresh == webhook)
            {
                throw;
            }

            await PostAsync(fresh, payload, deadline, cancellationToken);
        }
    }

    private Task<string> PostAsync(Uri webhook, ReadOnlyMemory<byte> payload, DateTimeOffset deadline, CancellationToken cancellationToken) =>
        _sender.SendAsync(
            _name,
            () => new HttpRequestMessage(HttpMethod.Post, webhook)
            {
                Content = new ReadOnlyMemoryContent(payload) { Headers = { ContentType = Json } },
            },
            readBody: false,
            deadline,
            cancellationToken);

    /// <summary>A webhook that cannot be resolved fails the delivery like one that cannot be reached; the message names the reference only.</summary>
    private async ValueTask<Uri> WebhookAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _webhook.GetAsync(cancellationToken);
        }
        catch (SecretResolutionException ex)
        {
            throw new SlackDeliveryException(ex.Message, ex);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new SlackDeliveryException($"{_name}: gave up at the invocation deadline while reading {_webhook}", ex);
        }
        catch (OperationCanceledException ex)
        {
            // Not the caller's: a handshake with the secret's service that never completed (the client's connect timeout).
            throw new SlackDeliveryException($"{_webhook} could not be resolved: no connection", ex);
        }
    }
}
