using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace SigninToSlack.Tests.Deploy;

/// <summary>
/// Whether CloudFormation would take a value for a parameter, by its AllowedPattern and AllowedValues (cfn-lint does
/// not evaluate either). CloudFormation matches a pattern against the whole value, as Java's String.matches does, so
/// a trailing newline cannot slip past a final <c>$</c>; a CommaDelimitedList is checked element by element. The
/// ECMAScript option makes <c>\d</c>, <c>\w</c> and <c>\s</c> ASCII only, as they are in Java.
/// </summary>
internal static class ParameterConstraints
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    public static bool IsList(YamlMappingNode parameter) => parameter.Child("Type").PlainText() == "CommaDelimitedList";

    public static string? Pattern(YamlMappingNode parameter) => parameter.Child("AllowedPattern").PlainText();

    public static bool Accepts(YamlMappingNode parameter, string value)
    {
        var pattern = Pattern(parameter);
        var allowed = parameter.Child("AllowedValues") is { } values ? values.Elements().Select(v => v.PlainText()).ToHashSet(StringComparer.Ordinal) : null;
        string[] elements = IsList(parameter) ? value.Split(',') : [value];
        return elements.All(element => (pattern is null || MatchesWhole(pattern, element)) && (allowed is null || allowed.Contains(element)));
    }

    public static bool MatchesWhole(string pattern, string value) =>
        Regex.IsMatch(value, $@"\A(?:{pattern})\z", RegexOptions.ECMAScript, MatchTimeout);
}
