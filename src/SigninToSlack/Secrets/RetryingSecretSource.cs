using Polly;
using Polly.Retry;
using SigninToSlack.Configuration;

namespace SigninToSlack.Secrets;

/// <summary>
/// Tries a throttled or failing read (429, 5xx, ThrottlingException, TooManyRequestsException) again after a short
/// backoff, within the caller's cancellation; any other failure ends at once.
/// </summary>
internal sealed class RetryingSecretSource : ISecretSource
{
    /// <summary>Attempts after the first: with the default delay about 0.1 s then 0.2 s, small beside an invocation's budget.</summary>
    public const int MaxRetries = 2;

    public static readonly TimeSpan DefaultDelay = TimeSpan.FromMilliseconds(100);

    private readonly ISecretSource _inner;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _delay;
    private ResiliencePipeline? _pipeline;

    public RetryingSecretSource(ISecretSource inner, TimeProvider timeProvider, TimeSpan? delay = null)
    {
        _inner = inner;
        _timeProvider = timeProvider;
        _delay = delay ?? DefaultDelay;
    }

    /// <summary>Built at the first read, not at start-up: most functions keep no secret in SSM or Secrets Manager.</summary>
    private ResiliencePipeline Pipeline => _pipeline ??= new ResiliencePipelineBuilder { TimeProvider = _timeProvider }
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = _delay,
            ShouldHandle = new PredicateBuilder().Handle<SecretResolutionException>(ex => ex.IsTransient),
        })
        .Build();

    public Task<string> FetchAsync(SecretKind kind, string id, CancellationToken cancellationToken) =>
        Pipeline.ExecuteAsync(
            static async (state, ct) => await state.Inner.FetchAsync(state.Kind, state.Id, ct),
            (Inner: _inner, Kind: kind, Id: id),
            cancellationToken).AsTask();
}
