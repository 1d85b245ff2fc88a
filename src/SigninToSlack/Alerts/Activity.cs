namespace SigninToSlack.Alerts;

/// <summary>The wording for one kind of sign-in event: a short label and what the person did, by outcome.</summary>
/// <param name="Label">A title-case label from a fixed vocabulary (safe for a plain-text header).</param>
/// <param name="Succeeded">Predicate for a success, e.g. "signed in to the AWS console".</param>
/// <param name="Failed">Predicate for a failure.</param>
/// <param name="Attempted">Predicate when the outcome was not recorded.</param>
internal sealed record Activity(string Label, string Succeeded, string Failed, string Attempted)
{
    public string Predicate(Outcome outcome) => outcome switch
    {
        Outcome.Success => Succeeded,
        Outcome.Failure => Failed,
        _ => Attempted,
    };
}
