namespace SigninToSlack.Pipeline;

/// <summary>What became of one event.</summary>
internal enum OutcomeKind
{
    Delivered,
    Skipped,
    Failed,
}
