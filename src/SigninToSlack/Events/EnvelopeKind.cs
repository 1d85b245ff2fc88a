namespace SigninToSlack.Events;

/// <summary>What wraps a sign-in record in an input document.</summary>
internal enum EnvelopeKind
{
    Unknown,
    EventBridge,
    Sns,
    CloudTrailRecord,
}
