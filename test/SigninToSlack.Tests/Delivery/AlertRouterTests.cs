using SigninToSlack.Alerts;
using SigninToSlack.Secrets;
using SigninToSlack.Configuration;
using SigninToSlack.Delivery;
using SigninToSlack.Events;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Delivery;

public sealed class AlertRouterTests
{
    private static SecretSetting<Uri> Hook(string name) => SecretSetting<Uri>.Plain("TEST", new Uri("https://hooks.slack.com/services/" + name), (string v, out Uri? u) => { u = new Uri(v); return null; });

    private static SecretSetting<Uri> Stored(string reference) => SecretSetting<Uri>.Referenced("TEST", SecretReference.Parse(reference)!, (string v, out Uri? u) => { u = new Uri(v); return null; });

    private static SigninAlert Alert(Severity severity, string? account = "111111111111") =>
        Samples.AlertFromFile("iam-user-failure.json") with { Severity = severity, AccountId = account };

    private static AlertRouter Router(RouteSettings routes, SecretSetting<Uri>? webhook = null) =>
        new(webhook ?? Hook("DEFAULT"), routes, (_, _) => new RecordingSink());

    private static string Names(AlertRouter router, SigninAlert alert) => string.Join(", ", router.Route(alert).Select(d => d.Name));

    private static readonly RouteSettings Full = new()
    {
        Critical = Hook("ONCALL"),
        High = Stored("ssm:/signin/high"),
        Accounts = new Dictionary<string, SecretSetting<Uri>> { ["222222222222"] = Hook("PROD"), ["333333333333"] = Hook("ONCALL") },
    };

    [Theory]
    [InlineData("Info", "111111111111", "default")]
    [InlineData("High", "111111111111", "default, high")]
    [InlineData("Critical", "111111111111", "default, critical")]
    [InlineData("Info", "222222222222", "account 222222222222")]
    [InlineData("Critical", "222222222222", "account 222222222222, critical")]
    [InlineData("Critical", "333333333333", "account 333333333333")]
    [InlineData("High", null, "default, high")]
    public void Route_SeverityAndAccount_PicksBaseChannelPlusSeverityChannel(string severity, string? account, string expected) =>
        Assert.Equal(expected, Names(Router(Full), Alert(Enum.Parse<Severity>(severity), account)));

    [Fact]
    public void Route_NoRoutes_EverythingToDefault()
    {
        var router = Router(RouteSettings.None);

        Assert.All(Enum.GetValues<Severity>(), s => Assert.Equal("default", Names(router, Alert(s))));
    }

    [Fact]
    public void Route_SeverityWebhookSameAsDefault_IsPostedOnce()
    {
        var router = Router(new RouteSettings { Critical = Hook("DEFAULT"), High = Stored("ssm:/signin/default") }, Stored("ssm:/signin/default"));

        Assert.Equal("default", Names(router, Alert(Severity.High)));
        Assert.Equal("default, critical", Names(router, Alert(Severity.Critical)));
    }

    /// <summary>Routing is worked out at start-up: an alert gets a list made then, not one made for it.</summary>
    [Fact]
    public void Route_SameAlertTwice_GivesTheSameWorkedOutList()
    {
        var router = Router(Full);

        Assert.Same(router.Route(Alert(Severity.Critical)), router.Route(Alert(Severity.Critical)));
    }

    [Fact]
    public void Route_EachDestination_HasItsOwnSink()
    {
        var made = new List<string>();
        var router = new AlertRouter(Hook("DEFAULT"), Full, (name, _) =>
        {
            made.Add(name);
            return new RecordingSink();
        });

        Assert.Equal(["account 222222222222", "account 333333333333", "critical", "default", "high"], made.Order(StringComparer.Ordinal));
        Assert.NotSame(router.Route(Alert(Severity.Critical))[0].Sink, router.Route(Alert(Severity.Critical))[1].Sink);
    }
}
