namespace SigninToSlack.Configuration;

/// <summary>The webhooks besides SLACK_WEBHOOK: one per severity, and one per account; all optional secrets.</summary>
internal sealed record RouteSettings
{
    public const string CriticalVariable = "SLACK_WEBHOOK_CRITICAL";
    public const string HighVariable = "SLACK_WEBHOOK_HIGH";
    public const string InfoVariable = "SLACK_WEBHOOK_INFO";
    public const string AccountWebhooksVariable = "SLACK_ACCOUNT_WEBHOOKS";

    public static RouteSettings None { get; } = new();

    public SecretSetting<Uri>? Critical { get; init; }

    public SecretSetting<Uri>? High { get; init; }

    public SecretSetting<Uri>? Info { get; init; }

    /// <summary>Account ID → the webhook that takes that account's alerts instead of SLACK_WEBHOOK.</summary>
    public IReadOnlyDictionary<string, SecretSetting<Uri>> Accounts { get; init; } = new Dictionary<string, SecretSetting<Uri>>();

    public SecretSetting<Uri>? For(Severity severity) => severity switch
    {
        Severity.Critical => Critical,
        Severity.High => High,
        _ => Info,
    };

    /// <summary>Names the settings, never a value.</summary>
    public override string ToString() =>
        $"RouteSettings {{ Critical = {Critical?.ToString() ?? "unset"}, High = {High?.ToString() ?? "unset"}, Info = {Info?.ToString() ?? "unset"}, Accounts = [{string.Join(", ", Accounts.Keys)}] }}";
}
