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

    /// <summary>
    /// How long the shared client waits for a TCP (and TLS) handshake. A host that drops SYNs (a VPC without NAT, a
    /// firewall) fails the attempt after this, and the attempt is retried like a 5xx.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The whole budget of one users.lookupByEmail (retries included): a slow Web API must not use up the invocation.</summary>
    public TimeSpan LookupBudget { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a failed e-mail lookup is remembered before that address is asked again.</summary>
    public TimeSpan LookupFailureMemory { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest Retry-After a lookup waits for: a rate-limited lookup gives up rather than wait.</summary>
    public TimeSpan LookupMaxRetryAfter { get; init; } = TimeSpan.FromSeconds(1);
}
