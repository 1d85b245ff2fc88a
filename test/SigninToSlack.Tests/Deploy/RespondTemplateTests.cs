using System.Text.Json.Nodes;
using SigninToSlack.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace SigninToSlack.Tests.Deploy;

/// <summary>
/// template.yaml's Respond function (Respond Create): refused without the state table or the link key, made of the
/// notifier's package, reached through a public function URL whose two permissions allow nothing but that URL,
/// finishing button presses in an asynchronous invocation whose failures wait in an alarmed queue, and absent with
/// Respond None.
/// </summary>
public sealed class RespondTemplateTests
{
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Load(RepoFiles.Resolve("template.yaml"));

    /// <summary>What Respond Create adds.</summary>
    private static readonly string[] RespondResources =
    [
        "RespondContainmentPolicy", "RespondErrorsAlarm", "RespondFailedQueue", "RespondFailedQueueAlarm", "RespondFunction",
        "RespondFunctionUrl", "RespondLogGroup", "RespondRole", "RespondUrlInvokePermission", "RespondUrlPermission",
    ];

    [Theory]
    [InlineData("None", "None", "", true)]
    [InlineData("None", "Create", "", true)]
    [InlineData("Create", "Create", "ssm:/signin-to-slack/link-key", true)]
    [InlineData("Create", "None", "ssm:/signin-to-slack/link-key", false)]
    [InlineData("Create", "Create", "", false)]
    public void Rules_RespondCreate_NeedStateTableAndLinkKey(string respond, string stateTable, string linkKey, bool accepted)
    {
        // Arrange
        var stack = ExampleStack.Deployed(Template, ("Respond", respond), ("StateTable", stateTable), ("LinkKey", linkKey));

        // Act
        var failed = FailedAssertions(stack);

        // Assert
        Assert.NotEmpty(Template.Rules);
        Assert.Equal(accepted, failed.Count == 0);
    }

    [Theory]
    [InlineData("None", false)]
    [InlineData("Create", true)]
    public void RespondResources_Condition_CreatedExactlyWithRespondCreate(string respond, bool created)
    {
        // Arrange
        var stack = ExampleStack.Deployed(Template, ("Respond", respond));

        // Act
        var conditional = Template.Resources.Where(resource => resource.Value.Child("Condition").PlainText() == "CreatesRespond").Select(resource => resource.Key).Order(StringComparer.Ordinal);
        var named = Template.Resources.Where(resource => resource.Key.StartsWith("Respond", StringComparison.Ordinal)).Select(resource => resource.Key).Order(StringComparer.Ordinal);

        // Assert
        Assert.Equal(created, stack["Condition:CreatesRespond"].GetValue<bool>());
        Assert.Equal(RespondResources, conditional);
        Assert.Equal(RespondResources, named);
    }

    [Fact]
    public void RespondFunction_Package_IsTheNotifiersWithTheRespondHandler()
    {
        // Arrange
        var notifier = Properties("Function");

        // Act
        var respond = Properties("RespondFunction");

        // Assert
        Assert.All(["CodeUri", "Handler", "Runtime", "Architectures", "MemorySize", "LoggingConfig"], property =>
            Assert.Equal(notifier.Child(property)!.ToString(), respond.Child(property)!.ToString()));
        var variables = (YamlMappingNode)((YamlMappingNode)respond.Child("Environment")!).Child("Variables")!;
        Assert.Equal("Respond", variables.Child("SIGNIN_HANDLER").PlainText());
        Assert.Equal(("RespondRole", "Arn"), respond.Child("Role")!.GetAtt());
    }

    [Fact]
    public void FunctionUrl_AuthTypeNone_OnTheRespondFunction()
    {
        // Act
        var url = Properties("RespondFunctionUrl");

        // Assert
        Assert.Equal("NONE", url.Child("AuthType").PlainText());
        Assert.Equal(("RespondFunction", "Arn"), url.Child("TargetFunctionArn")!.GetAtt());
        Assert.Null(url.Child("Qualifier"));
        Assert.Null(url.Child("Cors"));
        Assert.Equal(["RespondContainmentPolicy", "RespondLogGroup"], Resource("RespondFunctionUrl").Child("DependsOn").Elements().Select(e => e.PlainText()).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// A function URL of auth type NONE takes lambda:InvokeFunctionUrl with FunctionUrlAuthType NONE, and (for URLs
    /// created since October 2025) lambda:InvokeFunction for everyone only through a function URL: without that
    /// condition, anyone could call the Invoke API on the function.
    /// </summary>
    [Fact]
    public void RespondPermissions_Public_OnlyThroughTheFunctionUrl()
    {
        // Act
        var permissions = Template.Resources
            .Where(resource => resource.Value.TypeName() == "AWS::Lambda::Permission" && resource.Value.Properties().Child("FunctionName")?.RefName() == "RespondFunction")
            .Select(resource => resource.Value.Properties())
            .ToDictionary(properties => properties.Child("Action").PlainText()!, StringComparer.Ordinal);

        // Assert
        Assert.Equal(["lambda:InvokeFunction", "lambda:InvokeFunctionUrl"], permissions.Keys.Order(StringComparer.Ordinal));
        Assert.All(permissions.Values, permission => Assert.Equal("*", permission.Child("Principal").PlainText()));
        Assert.Equal("NONE", permissions["lambda:InvokeFunctionUrl"].Child("FunctionUrlAuthType").PlainText());
        Assert.Equal("true", permissions["lambda:InvokeFunction"].Child("InvokedViaFunctionUrl").PlainText());
        Assert.All(permissions.Values, permission => Assert.Null(permission.Child("SourceArn")));
    }

    [Fact]
    public void RespondFunction_FailedAsyncInvocation_NoRetryThenAnAlarmedQueue()
    {
        // Act
        var config = (YamlMappingNode)Properties("RespondFunction").Child("EventInvokeConfig")!;

        // Assert: a retry would come after the press's token was used up, and could record fewer keys than were deactivated.
        Assert.Equal("0", config.Child("MaximumRetryAttempts").PlainText());
        var onFailure = (YamlMappingNode)((YamlMappingNode)config.Child("DestinationConfig")!).Child("OnFailure")!;
        Assert.Equal("SQS", onFailure.Child("Type").PlainText());
        Assert.Equal(("RespondFailedQueue", "Arn"), onFailure.Child("Destination")!.GetAtt());
        var alarm = Properties("RespondFailedQueueAlarm");
        Assert.Equal(("RespondFailedQueue", "QueueName"), ((YamlMappingNode)alarm.Child("Dimensions").Elements().Single()).Child("Value")!.GetAtt());
        Assert.Equal("AlarmTopic", alarm.Child("AlarmActions").Elements().Single().RefName());
        Assert.Equal("Retain", Resource("RespondFailedQueue").Child("DeletionPolicy").PlainText());
    }

    [Fact]
    public void RespondLogGroup_Name_IsTheRespondFunctions()
    {
        // Arrange
        var stack = ExampleStack.Deployed(Template, ("Respond", "Create"));

        // Act
        var group = CloudFormationTemplate.Evaluate(Properties("RespondLogGroup").Child("LogGroupName")!, stack).GetValue<string>();
        var function = CloudFormationTemplate.Evaluate(Properties("RespondFunction").Child("FunctionName")!, stack).GetValue<string>();

        // Assert
        Assert.Equal($"/aws/lambda/{function}", group);
        Assert.Equal(ExampleStack.RespondFunctionName, function);
    }

    [Fact]
    public void Outputs_RespondUrl_IsTheFunctionUrlForTheSlackApp()
    {
        // Act
        var output = Template.Outputs.Single(entry => entry.Key == "RespondUrl").Value;

        // Assert
        Assert.Equal("CreatesRespond", output.Child("Condition").PlainText());
        Assert.Equal(("RespondFunctionUrl", "FunctionUrl"), output.Child("Value")!.GetAtt());
    }

    [Theory]
    [InlineData("None", new string[0])]
    [InlineData("Create", new[] { ExampleStack.RespondFunctionName, "arn:aws:lambda:us-east-1:123456789012:function:" + ExampleStack.RespondFunctionName })]
    public void WatcherRule_Respond_WatchesTheRespondFunctionAndRole(string respond, string[] functions)
    {
        // Arrange
        var stack = ExampleStack.Deployed(Template, ("Respond", respond));

        // Act
        var pattern = Template.EventPattern("WatcherRule", stack);
        var alternatives = pattern["detail"]!["$or"]!.AsArray();
        var watchedFunctions = alternatives.Select(alternative => alternative!["requestParameters"]?["functionName"]).OfType<JsonArray>().Single().Select(name => name!.GetValue<string>());
        var watchedRoles = alternatives.Select(alternative => alternative!["requestParameters"]?["roleName"]).OfType<JsonArray>().Single().Select(name => name!.GetValue<string>());

        // Assert
        Assert.Equal([ExampleStack.FunctionName, "arn:aws:lambda:us-east-1:123456789012:function:" + ExampleStack.FunctionName, .. functions], watchedFunctions.Where(name => name.Length > 0));
        Assert.Equal(respond == "Create", watchedRoles.Contains(stack["RespondRole"].GetValue<string>()));
    }

    private static List<string> FailedAssertions(IReadOnlyDictionary<string, JsonNode> stack)
    {
        var failed = new List<string>();
        foreach (var (_, rule) in Template.Rules)
        {
            if (rule.Child("RuleCondition") is { } condition && !CloudFormationTemplate.Evaluate(condition, stack).GetValue<bool>())
            {
                continue;
            }

            failed.AddRange(rule.Child("Assertions").Elements().OfType<YamlMappingNode>()
                .Where(assertion => !CloudFormationTemplate.Evaluate(assertion.Child("Assert")!, stack).GetValue<bool>())
                .Select(assertion => assertion.Child("AssertDescription").PlainText() ?? "(no description)"));
        }

        return failed;
    }

    private static YamlMappingNode Resource(string id) => Template.Resources.Single(resource => resource.Key == id).Value;

    private static YamlMappingNode Properties(string id) => Resource(id).Properties();
}
