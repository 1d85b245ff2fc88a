namespace SigninToSlack.Configuration;

/// <summary>The entry points a deployed function can be set to with SIGNIN_HANDLER.</summary>
internal enum EntryPointKind
{
    EventBridge,
    Sns,
}
