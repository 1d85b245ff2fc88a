using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace SigninToSlack.Tests.Deploy;

/// <summary>
/// The values one deployed stack would give the templates' references: its name, the names CloudFormation gave its
/// resources, and the parameters. The watcher samples in events/watcher/ name these resources.
/// </summary>
internal static class ExampleStack
{
    public const string StackName = "signin-to-slack";
    public const string FunctionName = "production-api";
    public const string RespondFunctionName = StackName + "-respond";
    public const string RespondUrl = "https://abcdefghijklmnopqrstuvwxyz234567.lambda-url.us-east-1.on.aws/";

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
            ["FunctionRole.Arn"] = "arn:aws:iam::123456789012:role/" + StackName + "-FunctionRole-1A2B3C4D5E6F",
            ["SigninStateTable"] = StackName + "-SigninStateTable-1A2B3C4D5E6F",
            ["RespondFunction"] = RespondFunctionName,
            ["RespondFunction.Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:" + RespondFunctionName,
            ["RespondRole"] = StackName + "-RespondRole-1A2B3C4D5E6F",
            ["RespondRole.Arn"] = "arn:aws:iam::123456789012:role/" + StackName + "-RespondRole-1A2B3C4D5E6F",
            ["RespondFunctionUrl.FunctionUrl"] = RespondUrl,
            ["Condition:CreatesRespond"] = false,
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

    /// <summary>
    /// The example stack as CloudFormation would create it from <paramref name="template"/> with
    /// <paramref name="parameters"/>: the other parameters as <see cref="Values"/> sets them or else at their
    /// defaults, and every condition of the template decided from them.
    /// </summary>
    public static IReadOnlyDictionary<string, JsonNode> Deployed(CloudFormationTemplate template, params (string Name, JsonNode Value)[] parameters)
    {
        var values = new Dictionary<string, JsonNode>(With(parameters), StringComparer.Ordinal);
        foreach (var (name, parameter) in template.Parameters)
        {
            if (!values.ContainsKey(name))
            {
                var text = parameter.Child("Default").PlainText() ?? string.Empty;
                values[name] = ParameterConstraints.IsList(parameter) ? new JsonArray([.. text.Split(',').Select(item => (JsonNode)JsonValue.Create(item))]) : JsonValue.Create(text);
            }
        }

        var conditions = template.Conditions;
        foreach (var (name, _) in conditions)
        {
            values.Remove("Condition:" + name);
        }

        // A condition may name another (!Condition) written further down: decide those that can be, until all are.
        var undecided = conditions.ToList();
        while (undecided.Count > 0)
        {
            var decided = undecided.Where(condition => TryDecide(condition.Value, values, out var outcome) && values.TryAdd("Condition:" + condition.Key, outcome!)).ToList();
            if (decided.Count == 0)
            {
                throw new InvalidOperationException($"Conditions that cannot be decided: {string.Join(", ", undecided.Select(condition => condition.Key))}");
            }

            undecided.RemoveAll(decided.Contains);
        }

        return values;
    }

    private static bool TryDecide(YamlNode condition, IReadOnlyDictionary<string, JsonNode> values, out JsonNode? outcome)
    {
        try
        {
            outcome = CloudFormationTemplate.Evaluate(condition, values);
            return true;
        }
        catch (KeyNotFoundException)
        {
            outcome = null;
            return false;
        }
    }
}
