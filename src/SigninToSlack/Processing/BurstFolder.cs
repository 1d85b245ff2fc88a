using SigninToSlack.Alerts;

namespace SigninToSlack.Processing;

/// <summary>
/// Finds the bursts in a batch's failed sign-ins, I/O-free: first those that share an account and a source IP, then,
/// among the rest, those that share an account and a principal, each at or above the threshold. Root's failures and
/// a name AWS hid never make a principal group; successes are never given to it.
/// </summary>
internal static class BurstFolder
{
    /// <param name="failures">The batch's failed sign-ins that the policy let through, each with the ID the summary's ID is made from.</param>
    /// <returns>Each burst with the positions (in <paramref name="failures"/>) of its members.</returns>
    public static IReadOnlyList<(BurstSummary Burst, int[] Members)> Fold(IReadOnlyList<(SigninAlert Alert, string Id)> failures, int threshold)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var bursts = new List<(BurstSummary, int[])>();
        var folded = new bool[failures.Count];
        var candidates = Enumerable.Range(0, failures.Count)
            .Where(i => failures[i].Alert is { Kind: AlertKind.SignIn, Outcome: Outcome.Failure } a && a.Principal.Kind != PrincipalKind.Root)
            .ToList();

        Group(candidates.Where(i => failures[i].Alert.SourceIp is not null), i => (failures[i].Alert.AccountId, failures[i].Alert.SourceIp, PrincipalKind.Unknown), BurstGrouping.SourceIp);
        Group(
            candidates.Where(i => !folded[i] && !failures[i].Alert.Principal.Masked && failures[i].Alert.Principal.Name is not null),
            i => (failures[i].Alert.AccountId, failures[i].Alert.Principal.Name, failures[i].Alert.Principal.Kind),
            BurstGrouping.Principal);
        return bursts;

        void Group(IEnumerable<int> members, Func<int, (string?, string?, PrincipalKind)> key, BurstGrouping grouping)
        {
            foreach (var group in members.GroupBy(key).Where(g => g.Count() >= threshold).ToList())
            {
                int[] positions = [.. group];
                foreach (var i in positions)
                {
                    folded[i] = true;
                }

                bursts.Add((new BurstSummary(grouping, [.. positions.Select(i => failures[i].Alert)], positions.Select(i => failures[i].Id)), positions));
            }
        }
    }
}
