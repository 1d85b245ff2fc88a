namespace SigninToSlack.Configuration;

/// <summary>The entry points a deployed function can be set to with SIGNIN_HANDLER.</summary>
internal enum EntryPointKind
{
    EventBridge,
    Sns,

    /// <summary>An SQS queue the EventBridge rule targets, read in batches; each record's body is the event.</summary>
    Sqs,

    /// <summary>The Respond function: "That wasn't me" links and undo, behind a function URL.</summary>
    Respond,
}
