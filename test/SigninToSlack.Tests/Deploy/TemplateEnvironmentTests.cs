using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SigninToSlack.Configuration;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Deploy;

/// <summary>
/// template.yaml's two functions can be given every variable that the README's Configuration table documents, and
/// what they are given in an example stack is what the program itself accepts at start-up: the notifier links to the
/// Respond function only when there is one, and the Respond function gets what it refuses to start without.
/// </summary>
public sealed partial class TemplateEnvironmentTests
{
    private const string LinkKey = "ssm:/signin-to-slack/link-key";

    /// <summary>Variables that only the Respond function reads.</summary>
    private static readonly string[] RespondOnly = ["SIGNIN_UNDO_TTL_MINUTES", "SLACK_ADMINS"];

    /// <summary>
    /// What the notifier gets only with Respond Create: the links and buttons, signed with the Respond function's key,
    /// for the principals it may contain (this account's, not the product's own).
    /// </summary>
    private static readonly string[] LinkSettings = ["SIGNIN_ACCOUNT_ID", "SIGNIN_LINK_KEY", "SIGNIN_LINK_TTL_MINUTES", "SIGNIN_OWN_PRINCIPALS", "SIGNIN_RESPOND_URL", "SLACK_SIGNING_SECRET"];

    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Load(RepoFiles.Resolve("template.yaml"));

    [Fact]
    public void FunctionEnvironments_ComparedWithReadme_HoldEveryDocumentedVariable()
    {
        // Arrange
        var documented = DocumentedVariables()
            .Where(name => !name.StartsWith("AWS_LAMBDA_", StringComparison.Ordinal)) // set by Lambda from LoggingConfig
            .ToHashSet(StringComparer.Ordinal);

        // Act
        var notifier = Template.EnvironmentVariableNames("Function").ToHashSet(StringComparer.Ordinal);
        var respond = Template.EnvironmentVariableNames("RespondFunction").ToHashSet(StringComparer.Ordinal);

        // Assert
        Assert.NotEmpty(documented);
        Assert.Empty(documented.Except(notifier).Except(RespondOnly).Order(StringComparer.Ordinal));
        Assert.Empty(RespondOnly.Except(respond));
        Assert.Empty(RespondOnly.Intersect(notifier));
        Assert.Empty(notifier.Union(respond).Except(documented).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NotifierEnvironment_RespondNone_CarriesNoLinkSetting()
    {
        // Arrange
        var stack = ExampleStack.Deployed(Template, ("SlackWebhook", "ssm:/signin-to-slack/webhook"), ("LinkKey", LinkKey), ("SlackSigningSecret", "ssm:/signin-to-slack/signing-secret"));

        // Act
        var environment = Template.Environment("Function", stack);
        var settings = SettingsReader.Read(name => environment.GetValueOrDefault(name));

        // Assert
        Assert.Equal("EventBridge", environment["SIGNIN_HANDLER"]);
        Assert.All(LinkSettings, name => Assert.False(environment.ContainsKey(name), name));
        Assert.False(settings.Respond.Links);
        Assert.Null(settings.Respond.SigningSecret);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("ssm:/signin-to-slack/signing-secret", true)]
    public void NotifierEnvironment_RespondCreate_LinksToTheUrlSignedWithTheKey(string signingSecret, bool buttons)
    {
        // Arrange
        var stack = RespondStack(signingSecret, admins: "");

        // Act
        var environment = Template.Environment("Function", stack);
        var settings = SettingsReader.Read(name => environment.GetValueOrDefault(name));

        // Assert
        Assert.Equal(ExampleStack.RespondUrl, environment["SIGNIN_RESPOND_URL"]);
        Assert.Equal(LinkKey, environment["SIGNIN_LINK_KEY"]);
        Assert.Equal("30", environment["SIGNIN_LINK_TTL_MINUTES"]);
        Assert.Equal("123456789012", environment["SIGNIN_ACCOUNT_ID"]);
        Assert.Equal(Value(stack, "FunctionRole") + "," + Value(stack, "RespondRole"), environment["SIGNIN_OWN_PRINCIPALS"]);
        Assert.Equal(buttons ? signingSecret : null, environment.GetValueOrDefault("SLACK_SIGNING_SECRET"));
        Assert.Equal(EntryPointKind.EventBridge, settings.EntryPoint);
        Assert.True(settings.Respond.Links);
        Assert.Equal(new Uri(ExampleStack.RespondUrl), settings.Respond.Url);
        Assert.Equal(buttons, settings.Respond.SigningSecret is not null);
        Assert.Equal("123456789012", settings.Respond.Account);
        Assert.Equal(2, settings.Respond.OwnPrincipals.Count);
    }

    [Fact]
    public void RespondEnvironment_RespondCreate_IsWhatTheRespondFunctionNeeds()
    {
        // Arrange
        var stack = RespondStack("ssm:/signin-to-slack/signing-secret", admins: "U012AB3CD,W0123ABCD");

        // Act
        var environment = Template.Environment("RespondFunction", stack);
        var settings = SettingsReader.Read(name => environment.GetValueOrDefault(name));

        // Assert
        var expected = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SIGNIN_HANDLER"] = "Respond",
            ["SIGNIN_ACCOUNT_ID"] = "123456789012",
            ["SIGNIN_STATE_TABLE"] = Value(stack, "SigninStateTable"),
            ["SIGNIN_LINK_KEY"] = LinkKey,
            ["SIGNIN_LINK_TTL_MINUTES"] = "30",
            ["SIGNIN_UNDO_TTL_MINUTES"] = "1440",
            ["SIGNIN_OWN_PRINCIPALS"] = Value(stack, "FunctionRole") + "," + Value(stack, "RespondRole"),
            ["SLACK_SIGNING_SECRET"] = "ssm:/signin-to-slack/signing-secret",
            ["SLACK_ADMINS"] = "U012AB3CD,W0123ABCD",
            ["SLACK_WEBHOOK"] = "ssm:/signin-to-slack/webhook",
            ["SLACK_WEBHOOK_CRITICAL"] = "ssm:/signin-to-slack/oncall-webhook",
        };
        Assert.Equal(expected.OrderBy(pair => pair.Key, StringComparer.Ordinal), environment.OrderBy(pair => pair.Key, StringComparer.Ordinal));
        Assert.Equal(EntryPointKind.Respond, settings.EntryPoint);
        Assert.Equal("123456789012", settings.Respond.Account);
        Assert.NotNull(settings.StateTable);
        Assert.Equal([Value(stack, "FunctionRole"), Value(stack, "RespondRole")], settings.Respond.OwnPrincipals.Order(StringComparer.Ordinal));
        Assert.Equal(["U012AB3CD", "W0123ABCD"], settings.Respond.Admins.Order(StringComparer.Ordinal));
        Assert.Equal(TimeSpan.FromDays(1), settings.Respond.UndoTtl);
    }

    private static IReadOnlyDictionary<string, JsonNode> RespondStack(string signingSecret, string admins) =>
        ExampleStack.Deployed(
            Template,
            ("Respond", "Create"),
            ("SlackWebhook", "ssm:/signin-to-slack/webhook"),
            ("SlackWebhookCritical", "ssm:/signin-to-slack/oncall-webhook"),
            ("LinkKey", LinkKey),
            ("SlackSigningSecret", signingSecret),
            ("SlackAdmins", admins));

    private static string Value(IReadOnlyDictionary<string, JsonNode> stack, string name) => stack[name].GetValue<string>();

    /// <summary>The variables named in the first column of the README's Configuration table.</summary>
    private static IEnumerable<string> DocumentedVariables()
    {
        var lines = File.ReadAllLines(RepoFiles.Resolve("README.md"));
        var start = Array.IndexOf(lines, "## Configuration");
        Assert.True(start >= 0, "README.md has no '## Configuration' section");
        return lines.Skip(start + 1)
            .TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal))
            .Select(line => VariableRow().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value);
    }

    [GeneratedRegex(@"^\| `([A-Z][A-Z0-9_]*)` \|")]
    private static partial Regex VariableRow();
}
