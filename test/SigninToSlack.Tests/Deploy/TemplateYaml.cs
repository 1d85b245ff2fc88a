using YamlDotNet.RepresentationModel;

namespace SigninToSlack.Tests.Deploy;

/// <summary>
/// Reading template values as YAML nodes, intrinsic functions unevaluated: in short form (<c>!Ref X</c>) or long
/// form (<c>Ref: X</c>), both of which CloudFormation takes.
/// </summary>
internal static class TemplateYaml
{
    public static YamlNode? Child(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static YamlMappingNode Properties(this YamlMappingNode resource) =>
        resource.Child("Properties") as YamlMappingNode ?? new YamlMappingNode();

    public static string? TypeName(this YamlMappingNode resource) => (resource.Child("Type") as YamlScalarNode)?.Value;

    /// <summary>The text of a plain scalar; null for anything else, an intrinsic function included.</summary>
    public static string? PlainText(this YamlNode? node) => node is YamlScalarNode scalar && !IsTagged(scalar) ? scalar.Value : null;

    /// <summary>The function's long name (Ref, Fn::GetAtt, Fn::Sub, Fn::If, ...) and its argument; null for a plain value.</summary>
    public static (string Function, YamlNode Argument)? Intrinsic(this YamlNode node)
    {
        if (IsTagged(node))
        {
            var name = node.Tag.Value.TrimStart('!');
            return (name == "Ref" || name == "Condition" ? name : "Fn::" + name, node);
        }

        if (node is YamlMappingNode { Children.Count: 1 } mapping
            && mapping.Children.Single() is { Key: YamlScalarNode { Value: { } key } } only
            && (key == "Ref" || key == "Condition" || key.StartsWith("Fn::", StringComparison.Ordinal)))
        {
            return (key, only.Value);
        }

        return null;
    }

    /// <summary>The name that a Ref names; null for anything else.</summary>
    public static string? RefName(this YamlNode node) => node.Intrinsic() is ("Ref", YamlScalarNode { Value: { } name }) ? name : null;

    /// <summary>The resource and attribute of a Fn::GetAtt; null for anything else.</summary>
    public static (string Resource, string Attribute)? GetAtt(this YamlNode node) => node.Intrinsic() switch
    {
        ("Fn::GetAtt", YamlScalarNode { Value: { } text }) when text.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot => (text[..dot], text[(dot + 1)..]),
        ("Fn::GetAtt", YamlSequenceNode { Children: [YamlScalarNode { Value: { } resource }, YamlScalarNode { Value: { } attribute }] }) => (resource, attribute),
        _ => null,
    };

    /// <summary>
    /// What a value can be once its conditions are decided: both branches of every Fn::If, without
    /// AWS::NoValue. A plain value is its own only alternative.
    /// </summary>
    public static IEnumerable<YamlNode> Alternatives(this YamlNode node)
    {
        switch (node.Intrinsic())
        {
            case ("Fn::If", YamlSequenceNode { Children.Count: 3 } arguments):
                return arguments.Children[1].Alternatives().Concat(arguments.Children[2].Alternatives());
            case ("Ref", var argument) when argument.ArgumentText() == "AWS::NoValue":
                return [];
            default:
                return [node];
        }
    }

    /// <summary>The elements of a list, or the one element of a single value, each with its alternatives.</summary>
    public static IEnumerable<YamlNode> Elements(this YamlNode? node) =>
        node is null
            ? []
            : node.Alternatives().SelectMany(alternative => alternative is YamlSequenceNode sequence && !IsTagged(sequence)
                ? sequence.Children.SelectMany(child => child.Alternatives())
                : [alternative]);

    /// <summary>
    /// A value written out for comparison: <c>Ref X</c>, <c>Fn::GetAtt X.Arn</c>, <c>Fn::Sub text</c>, or the plain text.
    /// </summary>
    public static string Describe(this YamlNode node) => node.Intrinsic() switch
    {
        ("Fn::GetAtt", YamlSequenceNode parts) => "Fn::GetAtt " + string.Join('.', parts.Children.Select(part => part.ArgumentText())),
        ({ } function, var argument) => function + " " + argument.ArgumentText(),
        null => node.PlainText() ?? node.ToString(),
    };

    /// <summary>The template text of a Fn::Sub in its one-string form, or of a plain string; null otherwise.</summary>
    public static string? SubOrPlainText(this YamlNode node) => node.Intrinsic() switch
    {
        ("Fn::Sub", YamlScalarNode text) => text.Value,
        null => node.PlainText(),
        _ => null,
    };

    private static string ArgumentText(this YamlNode argument) => argument is YamlScalarNode scalar ? scalar.Value ?? string.Empty : argument.ToString();

    private static bool IsTagged(YamlNode node) => !node.Tag.IsEmpty && !node.Tag.IsNonSpecific;
}
