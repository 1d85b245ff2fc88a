using System.Security.Cryptography;
using System.Text;

namespace SigninToSlack.Alerts;

/// <summary>
/// Failed sign-ins of one batch that share an account and a source IP (or an account and a principal), told as one
/// alert: how many, against whom, from where and when. Its <see cref="Id"/> follows from its members' event IDs
/// alone, so the same batch delivered again yields the same summary.
/// </summary>
internal sealed record BurstSummary
{
    /// <summary>At most this many users, and this many source IPs, are named; the rest are counted.</summary>
    public const int MaxListed = 20;

    /// <param name="members">The failed sign-ins, in any order; at least one.</param>
    /// <param name="memberIds">Each member's identity for the summary's ID: its event ID, or the record's message ID.</param>
    public BurstSummary(BurstGrouping grouping, IReadOnlyList<SigninAlert> members, IEnumerable<string> memberIds)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentOutOfRangeException.ThrowIfZero(members.Count);
        Grouping = grouping;
        Members = [.. members.OrderBy(m => m.Time ?? DateTimeOffset.MinValue)];
        Id = IdOf(memberIds);
        Users = [.. Members.GroupBy(m => m.Principal).Select(g => new BurstShare(g.First(), g.Count())).OrderByDescending(s => s.Count)];
        Sources = [.. Members.GroupBy(m => m.SourceIp, StringComparer.Ordinal).Select(g => new BurstShare(g.First(), g.Count())).OrderByDescending(s => s.Count)];
        var times = Members.Where(m => m.Time is not null).Select(m => m.Time!.Value).ToList();
        First = times.Count > 0 ? times.Min() : null;
        Last = times.Count > 0 ? times.Max() : null;
    }

    /// <summary>"burst-" and 32 hex digits of the SHA-256 of the sorted member IDs: a form the ledger and the logs can hold as they are.</summary>
    public string Id { get; }

    public BurstGrouping Grouping { get; }

    /// <summary>The failed sign-ins, oldest first.</summary>
    public IReadOnlyList<SigninAlert> Members { get; }

    /// <summary>One member per principal, with how many attempts named it; most attempts first.</summary>
    public IReadOnlyList<BurstShare> Users { get; }

    /// <summary>One member per source IP, with how many attempts came from it; most attempts first.</summary>
    public IReadOnlyList<BurstShare> Sources { get; }

    public DateTimeOffset? First { get; }

    public DateTimeOffset? Last { get; }

    public int Count => Members.Count;

    public Severity Severity => Members.Max(m => m.Severity);

    /// <summary>The account's ID, as all members share it.</summary>
    public string? AccountId => Members[0].AccountId;

    /// <summary>The account's name and the like, as configuration gives it; set by the pipeline.</summary>
    public AlertContext? Context { get; init; }

    /// <summary>
    /// The summary as one alert, for what routes and remembers alerts: its severity, account, region and ID. Only
    /// those are read from it; the message is the summary's own.
    /// </summary>
    public SigninAlert AsAlert() => Members[0] with
    {
        Severity = Severity,
        Principal = new Principal(PrincipalKind.Unknown, null),
        SourceIp = Grouping == BurstGrouping.SourceIp ? Members[0].SourceIp : null,
        UserAgent = null,
        Time = Last,
        EventId = Id,
        Context = Context,
        FailedBefore = 0,
    };

    private static string IdOf(IEnumerable<string> memberIds)
    {
        var joined = string.Join('\n', memberIds.Order(StringComparer.Ordinal));
        return "burst-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)).AsSpan(0, 16));
    }
}

/// <summary>What the members of a burst share besides their account.</summary>
internal enum BurstGrouping
{
    SourceIp,
    Principal,
}

/// <summary>One user or source IP of a burst: a member that shows it, and how many attempts it had.</summary>
internal readonly record struct BurstShare(SigninAlert Example, int Count);
