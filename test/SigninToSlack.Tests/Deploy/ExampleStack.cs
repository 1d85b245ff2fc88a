using System.Text.Json.Nodes;

namespace SigninToSlack.Tests.Deploy;

/// <summary>
/// The values one deployed stack would give the templates' references: its name, the names CloudFormation gave its
/// resources, and the parameters. The watcher samples in events/watcher/ name these resources.
/// </summary>
internal static class ExampleStack
{
    public const string StackName = "signin-to-slack";
    public const string FunctionName = "production-api";

    public static IReadOnlyDictionary<string, JsonNode> Values { get; } = With();

    /// <summary>The example stack with some values changed (e.g. WatchedNames).</summary>
    public static IReadOnlyDictionary<string, JsonNode> With(params (string Name, JsonNode Value)[] changes)
    {
        var values = new Dictionary<string, JsonNode>(StringComparer.Ordinal)
        {
            ["AWS::StackName"] = StackName,
            ["AWS::Partition"] = "aws",
            ["AWS::Region"] = "us-east-1",
            ["AWS::AccountId"] = "123456789012",
            ["AWS::NoValue"] = "AWS::NoValue",
            ["SigninRule"] = StackName + "-SigninRule-1A2B3C4D5E6F",
            ["ForwardSigninRule"] = StackName + "-ForwardSigninRule-1A2B3C4D5E6F",
            ["Function"] = FunctionName,
            ["Function.Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:" + FunctionName,
            ["FunctionRole"] = StackName + "-FunctionRole-1A2B3C4D5E6F",
            ["ForwardRole"] = StackName + "-ForwardRole-1A2B3C4D5E6F",
            ["WatchedNames"] = new JsonArray(""),
            ["WebhookParameterArn"] = "arn:aws:ssm:us-east-1:123456789012:parameter/signin-to-slack/webhook",
            ["Condition:ReadsWebhookParameter"] = true,
            ["SecretParameterArns"] = new JsonArray(""),
            ["WebhookSecretArn"] = "",
            ["SecretArns"] = new JsonArray("arn:aws:secretsmanager:us-east-1:123456789012:secret:signin-to-slack-token-AbCdEf"),
        };
        foreach (var (name, value) in changes)
        {
            values[name] = value;
        }

        return values;
    }
}
