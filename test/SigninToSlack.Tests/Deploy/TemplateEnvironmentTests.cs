using System.Text.RegularExpressions;
using SigninToSlack.Tests.Delivery;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Deploy;

/// <summary>template.yaml can set every variable that the README's Configuration table documents.</summary>
public sealed partial class TemplateEnvironmentTests
{
    [Fact]
    public void FunctionEnvironment_ComparedWithReadme_HoldsEveryDocumentedVariable()
    {
        // Arrange
        var documented = DocumentedVariables()
            .Where(name => !name.StartsWith("AWS_LAMBDA_", StringComparison.Ordinal)) // set by Lambda from LoggingConfig
            .ToHashSet(StringComparer.Ordinal);

        // Act
        var passed = CloudFormationTemplate.Load(RepoFiles.Resolve("template.yaml")).EnvironmentVariableNames("Function").ToHashSet(StringComparer.Ordinal);

        // Assert
        Assert.NotEmpty(documented);
        Assert.Empty(documented.Except(passed).Order(StringComparer.Ordinal));
        Assert.Empty(passed.Except(documented).Order(StringComparer.Ordinal));
    }

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
