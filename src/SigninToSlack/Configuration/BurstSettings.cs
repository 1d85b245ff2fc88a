namespace SigninToSlack.Configuration;

/// <summary>
/// When the queue's entry point folds failed sign-ins into one summary: how many that share an account and a source
/// IP (or an account and a principal) make a burst, and how far back a success looks for failures from its source IP.
/// </summary>
internal sealed record BurstSettings
{
    public const string ThresholdVariable = "SIGNIN_BURST_THRESHOLD";
    public const string WindowVariable = "SIGNIN_BURST_WINDOW_MINUTES";

    public const int DefaultThreshold = 5;

    /// <summary>Two is the least that can be folded; one "summary" of one failure would only hide it.</summary>
    public const int MinThreshold = 2;

    /// <summary>A batch holds at most 100 records (10,000 with a batching window): a larger threshold could never be met.</summary>
    public const int MaxThreshold = 10_000;

    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(1);

    public static BurstSettings Default { get; } = new();

    /// <summary>The fewest failed sign-ins that share an account and a source IP (or a principal) to be folded.</summary>
    public int Threshold { get; init; } = DefaultThreshold;

    /// <summary>How far back failures from a source IP count when a success from it comes; beyond the batch only with a state store.</summary>
    public TimeSpan Window { get; init; } = DefaultWindow;

    public override string ToString() => $"{{ Threshold = {Threshold}, Window = {Window.TotalMinutes} min }}";
}
