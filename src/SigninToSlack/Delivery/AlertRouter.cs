using SigninToSlack.Alerts;
using SigninToSlack.Configuration;

namespace SigninToSlack.Delivery;

/// <summary>
/// Which channels an alert goes to: its account's webhook (SLACK_ACCOUNT_WEBHOOKS), else SLACK_WEBHOOK; and also
/// its severity's webhook (SLACK_WEBHOOK_CRITICAL, _HIGH, _INFO) when set and not the same webhook. Every
/// combination is worked out at start-up, so routing an alert is a lookup.
/// </summary>
internal sealed class AlertRouter
{
    public const string DefaultName = "default";

    private readonly Destination[][] _default;
    private readonly Dictionary<string, Destination[][]> _accounts;

    /// <param name="webhook">SLACK_WEBHOOK; null only where nothing is posted.</param>
    /// <param name="sinkFor">Makes the sink for a destination's name and webhook setting.</param>
    public AlertRouter(SecretSetting<Uri>? webhook, RouteSettings routes, Func<string, SecretSetting<Uri>?, IPayloadSink> sinkFor)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(sinkFor);
        // Loops rather than LINQ: this runs on every cold start, where each generic query costs start-up code.
        var severities = Enum.GetValues<Severity>();
        var bySeverity = new (SecretSetting<Uri>? Setting, Destination? Destination)[severities.Length];
        foreach (var s in severities)
        {
            if (routes.For(s) is { } setting)
            {
                bySeverity[(int)s] = (setting, new Destination(AlertText.SeverityWord(s), sinkFor(AlertText.SeverityWord(s), setting)));
            }
        }

        Destination[][] Combine(SecretSetting<Uri>? baseSetting, Destination baseDestination)
        {
            var combined = new Destination[severities.Length][];
            foreach (var s in severities)
            {
                combined[(int)s] = bySeverity[(int)s] is { Destination: { } extra, Setting: { } setting } && !SameWebhook(setting, baseSetting)
                    ? [baseDestination, extra]
                    : [baseDestination];
            }

            return combined;
        }

        _default = Combine(webhook, new Destination(DefaultName, sinkFor(DefaultName, webhook)));
        _accounts = new(routes.Accounts.Count, StringComparer.Ordinal);
        foreach (var (account, setting) in routes.Accounts)
        {
            _accounts[account] = Combine(setting, new Destination("account " + account, sinkFor("account " + account, setting)));
        }
    }

    /// <summary>The destinations of an alert, the account's or default channel first. No allocation.</summary>
    public IReadOnlyList<Destination> Route(SigninAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var routes = _accounts.Count > 0 && alert.AccountId is { } account && _accounts.TryGetValue(account, out var forAccount) ? forAccount : _default;
        return routes[(int)alert.Severity];
    }

    /// <summary>The same webhook given twice (the same URL or the same reference) is posted once.</summary>
    private static bool SameWebhook(SecretSetting<Uri> a, SecretSetting<Uri>? b) =>
        b is not null && (a.Reference is not null ? a.Reference.Equals(b.Reference) : b.Reference is null && a.Value!.Equals(b.Value));
}
