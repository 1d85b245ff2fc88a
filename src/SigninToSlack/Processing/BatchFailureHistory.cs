using SigninToSlack.Alerts;

namespace SigninToSlack.Processing;

/// <summary>The history of a function without a state store: the failures of the batch at hand, nothing from earlier ones.</summary>
internal sealed class BatchFailureHistory : IFailureHistory
{
    public static BatchFailureHistory Instance { get; } = new();

    public Task<int> FailuresBeforeAsync(string sourceIp, DateTimeOffset? before, IReadOnlyList<SigninAlert> batchFailures, CancellationToken cancellationToken) =>
        Task.FromResult(Count(sourceIp, before, batchFailures));

    public Task RecordAsync(IReadOnlyList<SigninAlert> batchFailures, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The failures from the IP at or before the time; one without a time counts, as it may well have come first.</summary>
    internal static int Count(string sourceIp, DateTimeOffset? before, IReadOnlyList<SigninAlert> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var count = 0;
        foreach (var failure in failures)
        {
            if (string.Equals(failure.SourceIp, sourceIp, StringComparison.Ordinal)
                && (before is null || failure.Time is null || failure.Time <= before))
            {
                count++;
            }
        }

        return count;
    }
}
