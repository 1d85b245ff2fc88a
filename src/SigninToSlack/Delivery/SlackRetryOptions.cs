namespace SigninToSlack.Delivery;

/// <summary>How hard every Slack call (webhooks and the Web API) tries: all retries stay within the caller's cancellation (the invocation deadline).</summary>
internal sealed record SlackRetryOptions
{
    /// <summary>Retries after the first attempt, for 429, 5xx, timeouts and connection failures.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The first backoff; later ones double, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long one attempt may take before it counts as a timeout.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest Retry-After this poster waits for; longer ones end the delivery as failed.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(20);
}
