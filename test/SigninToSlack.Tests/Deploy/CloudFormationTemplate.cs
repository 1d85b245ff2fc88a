using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;
using SigninToSlack.Tests.Aws;

namespace SigninToSlack.Tests.Deploy;

/// <summary>A CloudFormation or SAM template read as YAML; intrinsic tags such as !Ref stay unevaluated.</summary>
internal sealed class CloudFormationTemplate
{
    private readonly YamlMappingNode _root;
    private readonly YamlMappingNode _resources;

    private CloudFormationTemplate(YamlMappingNode root)
    {
        _root = root;
        _resources = (YamlMappingNode)root.Children[new YamlScalarNode("Resources")];
    }

    /// <summary>The resources by logical ID, in the template's order.</summary>
    public IReadOnlyList<KeyValuePair<string, YamlMappingNode>> Resources => Section(_resources);

    /// <summary>The parameters by name, in the template's order; none when the template has no Parameters.</summary>
    public IReadOnlyList<KeyValuePair<string, YamlMappingNode>> Parameters =>
        _root.Children.TryGetValue(new YamlScalarNode("Parameters"), out var parameters) ? Section((YamlMappingNode)parameters) : [];

    /// <summary>The conditions by name, in the template's order; none when the template has no Conditions.</summary>
    public IReadOnlyList<KeyValuePair<string, YamlNode>> Conditions => Entries("Conditions");

    /// <summary>The rules (RuleCondition, Assertions) by name; none when the template has no Rules.</summary>
    public IReadOnlyList<KeyValuePair<string, YamlMappingNode>> Rules => [.. Entries("Rules").Select(rule => KeyValuePair.Create(rule.Key, (YamlMappingNode)rule.Value))];

    /// <summary>The outputs by name; none when the template has no Outputs.</summary>
    public IReadOnlyList<KeyValuePair<string, YamlMappingNode>> Outputs => [.. Entries("Outputs").Select(output => KeyValuePair.Create(output.Key, (YamlMappingNode)output.Value))];

    public static CloudFormationTemplate Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return new CloudFormationTemplate((YamlMappingNode)stream.Documents.Single().RootNode);
    }

    /// <summary>
    /// The EventPattern of the AWS::Events::Rule named <paramref name="logicalId"/>, as EventBridge receives it, with
    /// its intrinsic functions evaluated for the stack that <paramref name="stack"/> describes (default: <see cref="ExampleStack"/>).
    /// </summary>
    public JsonNode EventPattern(string logicalId, IReadOnlyDictionary<string, JsonNode>? stack = null)
    {
        var resource = (YamlMappingNode)_resources.Children[new YamlScalarNode(logicalId)];
        var type = ((YamlScalarNode)resource.Children[new YamlScalarNode("Type")]).Value;
        if (type != "AWS::Events::Rule")
        {
            throw new InvalidOperationException($"{logicalId} is a {type}, not an AWS::Events::Rule");
        }

        var properties = (YamlMappingNode)resource.Children[new YamlScalarNode("Properties")];
        return ToJson(properties.Children[new YamlScalarNode("EventPattern")], stack ?? ExampleStack.Values);
    }

    /// <summary>The names of the environment variables that the function named <paramref name="logicalId"/> is given, set or conditional.</summary>
    public IReadOnlyList<string> EnvironmentVariableNames(string logicalId)
    {
        var resource = (YamlMappingNode)_resources.Children[new YamlScalarNode(logicalId)];
        var properties = (YamlMappingNode)resource.Children[new YamlScalarNode("Properties")];
        var environment = (YamlMappingNode)properties.Children[new YamlScalarNode("Environment")];
        var variables = (YamlMappingNode)environment.Children[new YamlScalarNode("Variables")];
        return [.. variables.Children.Keys.Select(key => ((YamlScalarNode)key).Value!)];
    }

    /// <summary>
    /// The environment that the function named <paramref name="logicalId"/> gets in the stack that <paramref name="stack"/>
    /// describes (see <see cref="ExampleStack.Deployed"/>): each variable's value evaluated, those that are AWS::NoValue left out.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment(string logicalId, IReadOnlyDictionary<string, JsonNode> stack)
    {
        var resource = (YamlMappingNode)_resources.Children[new YamlScalarNode(logicalId)];
        var properties = (YamlMappingNode)resource.Children[new YamlScalarNode("Properties")];
        var environment = (YamlMappingNode)properties.Children[new YamlScalarNode("Environment")];
        var variables = (YamlMappingNode)environment.Children[new YamlScalarNode("Variables")];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in variables.Children)
        {
            if (Evaluate(value, stack) is JsonValue evaluated && evaluated.ToString() is var text && text != "AWS::NoValue")
            {
                values.Add(((YamlScalarNode)name).Value!, text);
            }
        }

        return values;
    }

    /// <summary>A template value with its intrinsic functions evaluated for the stack that <paramref name="stack"/> describes.</summary>
    public static JsonNode Evaluate(YamlNode node, IReadOnlyDictionary<string, JsonNode> stack) => ToJson(node, stack);

    private IReadOnlyList<KeyValuePair<string, YamlNode>> Entries(string section) =>
        _root.Children.TryGetValue(new YamlScalarNode(section), out var entries)
            ? [.. ((YamlMappingNode)entries).Children.Select(child => KeyValuePair.Create(((YamlScalarNode)child.Key).Value!, child.Value))]
            : [];

    private static KeyValuePair<string, YamlMappingNode>[] Section(YamlMappingNode section) =>
        [.. section.Children.Select(child => KeyValuePair.Create(((YamlScalarNode)child.Key).Value!, (YamlMappingNode)child.Value))];

    private static JsonNode ToJson(YamlNode node, IReadOnlyDictionary<string, JsonNode> stack)
    {
        if (!node.Tag.IsEmpty && !node.Tag.IsNonSpecific)
        {
            return Intrinsics.Evaluate(node.Tag.Value, node, stack, child => ToJson(child, stack));
        }

        return node switch
        {
            YamlMappingNode mapping => new JsonObject(mapping.Children.Select(child =>
                KeyValuePair.Create(((YamlScalarNode)child.Key).Value!, (JsonNode?)ToJson(child.Value, stack)))),
            YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(child => ToJson(child, stack))]),
            // Patterns hold strings and booleans (exists); numeric matching would need the scalar's style here.
            YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "true" or "false" } flag => JsonValue.Create(flag.Value == "true"),
            YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? string.Empty),
            _ => throw new NotSupportedException($"Unexpected YAML node {node.NodeType} at {node.Start}"),
        };
    }
}
