namespace SigninToSlack.Alerts;

/// <summary>Whether the sign-in step worked, as CloudTrail recorded it.</summary>
internal enum Outcome
{
    Unknown,
    Success,
    Failure,
}
