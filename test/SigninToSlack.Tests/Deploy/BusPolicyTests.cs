using System.Text.Json.Nodes;
using SigninToSlack.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace SigninToSlack.Tests.Deploy;

/// <summary>
/// The central default bus takes from other accounts only the sign-in events that SigninRule matches, and only
/// from the organization or the accounts named; forwarder.yaml forwards nothing that it would refuse.
/// </summary>
public sealed class BusPolicyTests
{
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Load(RepoFiles.Resolve("template.yaml"));

    private static readonly string[] BusPolicyIds =
        [.. Template.Resources.Where(resource => resource.Value.TypeName() == "AWS::Events::EventBusPolicy").Select(resource => resource.Key)];

    public static TheoryData<string> BusPolicies => [.. BusPolicyIds];

    [Fact]
    public void BusPolicies_InTemplate_AreBothForwardingPaths()
    {
        // Act
        var policies = BusPolicyIds.Order(StringComparer.Ordinal);

        // Assert: the theories below run on each of them.
        Assert.Equal(["AccountsBusPolicy", "AccountsWatcherBusPolicy", "OrganizationBusPolicy", "OrganizationWatcherBusPolicy"], policies);
    }

    [Theory]
    [MemberData(nameof(BusPolicies))]
    public void BusPolicy_Condition_AcceptsOnlyTheSigninRulesEvents(string policy)
    {
        // Arrange
        var pattern = Accepted(Template, policy, "SigninRule", "WatcherRule");
        var statement = Statement(policy);

        // Act
        var equals = statement.Child("Condition") is YamlMappingNode condition ? condition.Child("StringEquals") as YamlMappingNode : null;

        // Assert
        Assert.NotNull(equals);
        Assert.Equal(["events:PutEvents"], statement.Child("Action").Elements().Select(action => action.PlainText()));
        Assert.Equal(Values(pattern["source"]), Values(equals.Child("events:source")));
        Assert.Equal(Values(pattern["detail-type"]), Values(equals.Child("events:detail-type")));
    }

    [Theory]
    [MemberData(nameof(BusPolicies))]
    public void BusPolicy_Principal_OnlyTheOrganizationOrNamedAccounts(string policy)
    {
        // Arrange
        var statement = Statement(policy);
        var principal = statement.Child("Principal");

        // Act
        var awsPrincipal = principal is YamlMappingNode mapping ? mapping.Child("AWS") : principal;

        // Assert: a Principal "*" needs aws:PrincipalOrgID; named accounts come from a parameter that refuses "*".
        Assert.NotNull(awsPrincipal);
        if (awsPrincipal.PlainText() == "*")
        {
            var condition = Assert.IsType<YamlMappingNode>(statement.Child("Condition"));
            var equals = Assert.IsType<YamlMappingNode>(condition.Child("StringEquals"));
            Assert.Equal("OrganizationId", equals.Child("aws:PrincipalOrgID")?.RefName());
        }
        else
        {
            var name = awsPrincipal.RefName();
            Assert.NotNull(name);
            var parameter = Template.Parameters.Single(candidate => candidate.Key == name).Value;
            Assert.False(ParameterConstraints.Accepts(parameter, "*"), $"{name} takes the principal *");
        }
    }

    [Theory]
    [MemberData(nameof(BusPolicies))]
    public void ForwarderPattern_ComparedWithBusPolicy_IsAccepted(string policy)
    {
        // Arrange
        var forwarded = Accepted(CloudFormationTemplate.Load(RepoFiles.Resolve("forwarder.yaml")), policy, "ForwardSigninRule", "ForwardWatcherRule");
        var equals = (YamlMappingNode)((YamlMappingNode)Statement(policy).Child("Condition")!).Child("StringEquals")!;

        // Act
        var sources = Values(equals.Child("events:source"));
        var detailTypes = Values(equals.Child("events:detail-type"));

        // Assert
        Assert.Subset(sources.ToHashSet(StringComparer.Ordinal), Values(forwarded["source"]).ToHashSet(StringComparer.Ordinal));
        Assert.Subset(detailTypes.ToHashSet(StringComparer.Ordinal), Values(forwarded["detail-type"]).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// What a rule sends, as the bus policy's two condition keys: the sign-in part of the sign-in rule (the sign-in bus
    /// policies), or the sources and detail-type of the watcher's API calls (the watcher bus policies).
    /// </summary>
    private static JsonObject Accepted(CloudFormationTemplate template, string policy, string signinRule, string watcherRule)
    {
        if (!policy.Contains("Watcher", StringComparison.Ordinal))
        {
            return (JsonObject)template.EventPattern(signinRule)["$or"]![0]!.DeepClone();
        }

        var pattern = template.EventPattern(watcherRule);
        var sources = ((JsonArray)pattern["detail"]!["$or"]!)
            .SelectMany(branch => (JsonArray)branch!["eventSource"]!)
            .Select(source => "aws." + source!.GetValue<string>().Split('.')[0])
            .Distinct(StringComparer.Ordinal);
        return new JsonObject
        {
            ["source"] = new JsonArray([.. sources.Select(source => (JsonNode)JsonValue.Create(source))]),
            ["detail-type"] = pattern["detail-type"]!.DeepClone(),
        };
    }

    /// <summary>The policy's one statement; the legacy Action, Principal and Condition properties would grant without it.</summary>
    private static YamlMappingNode Statement(string policy)
    {
        var properties = Template.Resources.Single(resource => resource.Key == policy).Value.Properties();
        Assert.All(new[] { "Action", "Principal", "Condition" }, legacy => Assert.Null(properties.Child(legacy)));
        var statement = Assert.IsType<YamlMappingNode>(Assert.Single(properties.Child("Statement").Elements()));
        Assert.Equal("Allow", statement.Child("Effect").PlainText());
        return statement;
    }

    private static string[] Values(JsonNode? values) =>
        [.. (values?.AsArray() ?? []).Select(value => value!.GetValue<string>()).Order(StringComparer.Ordinal)];

    private static string[] Values(YamlNode? values) =>
        [.. values.Elements().Select(value => value.PlainText() ?? value.Describe()).Order(StringComparer.Ordinal)];
}
