using SigninToSlack.Alerts;

namespace SigninToSlack.Processing;

/// <summary>
/// Failed sign-ins from a source IP that came before a success: those of the batch at hand and, where a store keeps
/// them, those of earlier batches within SIGNIN_BURST_WINDOW_MINUTES.
/// </summary>
internal interface IFailureHistory
{
    /// <summary>How many failed sign-ins came from <paramref name="sourceIp"/> before <paramref name="before"/> (all of them when it is not recorded).</summary>
    /// <param name="batchFailures">The batch's failed sign-ins that the policy let through.</param>
    Task<int> FailuresBeforeAsync(string sourceIp, DateTimeOffset? before, IReadOnlyList<SigninAlert> batchFailures, CancellationToken cancellationToken);

    /// <summary>Keeps the batch's failed sign-ins for the batches to come; nothing where there is no store.</summary>
    Task RecordAsync(IReadOnlyList<SigninAlert> batchFailures, CancellationToken cancellationToken);
}
