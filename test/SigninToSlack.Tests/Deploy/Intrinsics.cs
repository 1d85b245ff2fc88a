using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace SigninToSlack.Tests.Deploy;

/// <summary>
/// Evaluates the few intrinsic functions the templates use (!Ref, !GetAtt, !Sub, !Join, !Split, !Select, !If, and the
/// condition functions !Equals, !Not, !And, !Or, !Condition) against the values of one example stack, as CloudFormation
/// would before EventBridge sees a pattern or Lambda a function's environment.
/// </summary>
internal static partial class Intrinsics
{
    /// <summary>The value CloudFormation removes from a list.</summary>
    private const string NoValue = "AWS::NoValue";

    public static JsonNode Evaluate(string tag, YamlNode node, IReadOnlyDictionary<string, JsonNode> stack, Func<YamlNode, JsonNode> evaluate)
    {
        switch (tag)
        {
            case "!Ref":
                return Lookup(stack, Scalar(node));
            case "!GetAtt":
                return Lookup(stack, Scalar(node));
            case "!Sub":
                return JsonValue.Create(Placeholder().Replace(Scalar(node), match => Lookup(stack, match.Groups[1].Value).GetValue<string>()));
            case "!Join":
            {
                var (separator, list) = Pair(node, evaluate);
                return JsonValue.Create(string.Join(separator.GetValue<string>(), Flatten(list)));
            }

            case "!Split":
            {
                var (separator, text) = Pair(node, evaluate);
                return new JsonArray([.. text.GetValue<string>().Split(separator.GetValue<string>()).Select(part => (JsonNode)JsonValue.Create(part))]);
            }

            case "!Select":
            {
                var (index, list) = Pair(node, evaluate);
                return ((JsonArray)list)[int.Parse(index.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)]!.DeepClone();
            }

            case "!If":
            {
                var items = ((YamlSequenceNode)node).Children;
                var condition = Lookup(stack, "Condition:" + Scalar(items[0])).GetValue<bool>();
                return evaluate(items[condition ? 1 : 2]);
            }

            case "!Equals":
            {
                var (first, second) = Pair(node, evaluate);
                return JsonValue.Create(JsonNode.DeepEquals(first, second));
            }

            case "!Not":
                return JsonValue.Create(!Truth(evaluate(((YamlSequenceNode)node).Children.Single())));
            case "!And":
                return JsonValue.Create(((YamlSequenceNode)node).Children.All(child => Truth(evaluate(child))));
            case "!Or":
                return JsonValue.Create(((YamlSequenceNode)node).Children.Any(child => Truth(evaluate(child))));
            case "!Condition":
                return Lookup(stack, "Condition:" + Scalar(node));
            default:
                throw new NotSupportedException($"The template holds {tag} at {node.Start}, which this test cannot evaluate");
        }
    }

    private static JsonNode Lookup(IReadOnlyDictionary<string, JsonNode> stack, string name) =>
        stack.TryGetValue(name, out var value) ? value.DeepClone() : throw new KeyNotFoundException($"The example stack has no value for {name}");

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value!;

    private static bool Truth(JsonNode value) => value.GetValue<bool>();

    private static (JsonNode First, JsonNode Second) Pair(YamlNode node, Func<YamlNode, JsonNode> evaluate)
    {
        var items = ((YamlSequenceNode)node).Children;
        return (evaluate(items[0]), evaluate(items[1]));
    }

    /// <summary>A Join's list: nested lists (a CommaDelimitedList's Ref) joined in place, AWS::NoValue left out.</summary>
    private static IEnumerable<string> Flatten(JsonNode list)
    {
        foreach (var item in (JsonArray)list)
        {
            if (item is JsonArray inner)
            {
                foreach (var text in Flatten(inner))
                {
                    yield return text;
                }
            }
            else if (item!.GetValue<string>() is var text && text != NoValue)
            {
                yield return text;
            }
        }
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9:.]+)\}")]
    private static partial Regex Placeholder();
}
