namespace SigninToSlack.Events;

/// <summary>The outcome a record states for its own event name, in responseElements or serviceEventDetails.</summary>
internal enum RecordedOutcome
{
    None,
    Success,
    Failure,
    Other,
}
