namespace SigninToSlack.Events;

/// <summary>
/// The fields of an EventBridge sign-in event (and its CloudTrail record) that an alert needs, flattened;
/// every one may be missing. Values are the event's own text: untrusted.
/// </summary>
internal struct SigninRecord
{
    /// <summary>The record's eventID, else the EventBridge event id.</summary>
    public string? EventId { get; set; }

    public string? DetailType { get; set; }

    public string? Source { get; set; }

    /// <summary>True when the event carries a CloudTrail record (an object in <c>detail</c>).</summary>
    public bool HasDetail { get; set; }

    /// <summary>recipientAccountId, else the event's account, else the identity's account.</summary>
    public string? Account { get; set; }

    /// <summary>awsRegion, else the event's region.</summary>
    public string? Region { get; set; }

    /// <summary>eventTime, else the event's time.</summary>
    public DateTimeOffset? Time { get; set; }

    public string? EventName { get; set; }

    public string? EventSource { get; set; }

    public string? EventType { get; set; }

    public string? SourceIp { get; set; }

    public string? UserAgent { get; set; }

    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    public string? IdentityType { get; set; }

    public string? IdentityArn { get; set; }

    public string? IdentityPrincipalId { get; set; }

    public string? IdentityUserName { get; set; }

    /// <summary>sessionContext.sessionIssuer.userName: the role behind a session.</summary>
    public string? IssuerUserName { get; set; }

    /// <summary>sessionContext.sessionIssuer.arn: the role's ARN with its path (IAM Identity Center's roles live under /aws-reserved/sso.amazonaws.com/).</summary>
    public string? IssuerArn { get; set; }

    /// <summary>onBehalfOf.userId: the IAM Identity Center user an identity acts for.</summary>
    public string? OnBehalfOfUserId { get; set; }

    /// <summary>additionalEventData.MFAUsed, as recorded (Yes/No, any case).</summary>
    public string? MfaUsed { get; set; }

    /// <summary>additionalEventData.UserName: where IAM Identity Center records the person.</summary>
    public string? ExtraUserName { get; set; }

    /// <summary>additionalEventData.CredentialType: the factors IAM Identity Center checked.</summary>
    public string? CredentialType { get; set; }

    /// <summary>responseElements.&lt;eventName&gt;.</summary>
    public RecordedOutcome ResponseOutcome { get; set; }

    /// <summary>serviceEventDetails.&lt;eventName&gt; (IAM Identity Center).</summary>
    public RecordedOutcome ServiceOutcome { get; set; }

    /// <summary>serviceEventDetails.FailureReason, when recorded.</summary>
    public string? ServiceFailureReason { get; set; }

    /// <summary>An API call's requestParameters, flattened to scalar fields (at most <see cref="SigninEventReader.MaxFields"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? RequestFields { get; set; }

    /// <summary>How many request parameters were past the limit.</summary>
    public int RequestFieldsOmitted { get; set; }

    /// <summary>A sign-in service event's detail (not a sign-in record), flattened, without the fields shown on their own.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? DetailFields { get; set; }

    /// <summary>How many detail fields were past the limit.</summary>
    public int DetailFieldsOmitted { get; set; }
}
