using System.Text.RegularExpressions;
using SigninToSlack.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace SigninToSlack.Tests.Deploy;

/// <summary>
/// The identity policies of template.yaml and forwarder.yaml, read statement by statement with every condition's
/// alternatives: each names its actions and resources, kms:Decrypt works only through SSM or Secrets Manager, and
/// only the function writes logs, to its own log group.
/// </summary>
public sealed partial class IamPolicyTests
{
    private const string CentralTemplate = "template.yaml";

    /// <summary>
    /// Actions that support no resource-level permission, and so are granted on Resource "*". None of the actions
    /// that the templates grant is one: each of them is limited to the resources it is used on.
    /// </summary>
    private static readonly HashSet<string> ActionsOnEveryResource = new(StringComparer.Ordinal);

    private static readonly string[] TemplateFiles = ["template.yaml", "forwarder.yaml"];

    public static TheoryData<string> Templates => [.. TemplateFiles];

    [Theory]
    [MemberData(nameof(Templates))]
    public void Roles_ComparedWithStatements_GrantNothingElse(string template)
    {
        // Act
        var grants = IamPolicies.ManagedGrants(template);

        // Assert
        Assert.Empty(grants);
    }

    [Theory]
    [InlineData("template.yaml", "FunctionRole", new[] { "dynamodb:BatchGetItem", "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "kms:Decrypt", "logs:CreateLogStream", "logs:PutLogEvents", "secretsmanager:GetSecretValue", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage", "sqs:SendMessage", "ssm:GetParameter" })]
    [InlineData("forwarder.yaml", "ForwardRole", new[] { "events:PutEvents" })]
    public void Role_AllowedActions_AreWhatItsUserCalls(string template, string role, string[] expected)
    {
        // Act
        var actions = IamPolicies.Statements(template)
            .Where(statement => statement.Allows && statement.Roles.Contains(role))
            .SelectMany(statement => statement.Actions)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

        // Assert
        Assert.Equal(expected, actions);
    }

    [Fact]
    public void Function_Role_IsFunctionRole()
    {
        // Act
        var role = FunctionRole();

        // Assert: the role whose actions Role_AllowedActions_AreWhatItsUserCalls lists.
        Assert.Equal("FunctionRole", role);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Statements_Actions_NamedWithoutWildcard(string template)
    {
        // Arrange
        var statements = IamPolicies.Statements(template);
        var violations = new List<string>();

        // Act
        foreach (var statement in statements)
        {
            if (statement.Effect is not ("Allow" or "Deny"))
            {
                violations.Add($"{statement.Where}: Effect {statement.Effect ?? "missing"}");
            }

            if (statement.Node.Child("NotAction") is not null)
            {
                violations.Add($"{statement.Where}: NotAction allows every other action");
            }

            if (statement.Actions.Count == 0 && statement.Allows)
            {
                violations.Add($"{statement.Where}: no Action");
            }

            violations.AddRange(statement.Actions
                .Where(action => statement.Allows && !ServiceAction().IsMatch(action))
                .Select(action => $"{statement.Where}: action {action} is not one named action (no wildcard, no intrinsic function)"));
        }

        // Assert
        Assert.NotEmpty(statements);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Statements_Resources_NamedNotEveryResource(string template)
    {
        // Arrange
        var loaded = CloudFormationTemplate.Load(RepoFiles.Resolve(template));
        var parameters = loaded.Parameters.ToDictionary(StringComparer.Ordinal);
        var resources = loaded.Resources.Select(resource => resource.Key).ToHashSet(StringComparer.Ordinal);
        var statements = IamPolicies.Statements(template).Where(statement => statement.Allows).ToList();
        var violations = new List<string>();

        // Act
        foreach (var statement in statements)
        {
            if (statement.Node.Child("NotResource") is not null)
            {
                violations.Add($"{statement.Where}: NotResource allows every other resource");
            }

            if (statement.Resources.Count == 0)
            {
                violations.Add($"{statement.Where}: no Resource");
            }

            var onEveryResource = statement.Actions.All(ActionsOnEveryResource.Contains);
            foreach (var resource in statement.Resources)
            {
                var problem = ResourceProblem(resource, parameters, resources, onEveryResource);
                if (problem is not null)
                {
                    violations.Add($"{statement.Where}: Resource {resource.Describe()} {problem}");
                }
            }
        }

        // Assert
        Assert.NotEmpty(statements);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void KmsStatements_Condition_OnlyThroughSsmOrSecretsManager()
    {
        // Arrange
        var statements = TemplateFiles.SelectMany(IamPolicies.Statements)
            .Where(statement => statement.Allows && statement.Actions.Any(action => action.StartsWith("kms:", StringComparison.OrdinalIgnoreCase)))
            .ToList();
        var violations = new List<string>();

        // Act
        foreach (var statement in statements)
        {
            var operators = (statement.Condition?.Children.AsEnumerable() ?? [])
                .Where(entry => entry.Value is YamlMappingNode keys && keys.Children.Keys.Any(key => string.Equals(key.PlainText(), "kms:ViaService", StringComparison.OrdinalIgnoreCase)))
                .ToList();
            if (operators is not [var only])
            {
                violations.Add($"{statement.Where}: {operators.Count} conditions on kms:ViaService, not one");
                continue;
            }

            var name = only.Key.PlainText();
            if (name is not ("StringEquals" or "StringLike"))
            {
                violations.Add($"{statement.Where}: kms:ViaService under {name}, which does not require SSM or Secrets Manager");
                continue;
            }

            var values = ((YamlMappingNode)only.Value).Children
                .Single(entry => string.Equals(entry.Key.PlainText(), "kms:ViaService", StringComparison.OrdinalIgnoreCase))
                .Value.Elements()
                .Select(value => value.SubOrPlainText() ?? value.Describe())
                .ToList();
            if (values.Count == 0)
            {
                violations.Add($"{statement.Where}: kms:ViaService names no service");
            }

            violations.AddRange(values
                .Where(value => ViaService().Match(value) is not { Success: true } match || (name == "StringEquals" && match.Groups["region"].Value == "*"))
                .Select(value => $"{statement.Where}: kms:ViaService {value} is not SSM or Secrets Manager"));
        }

        // Assert
        Assert.NotEmpty(statements);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void LogsStatements_Resource_OnlyTheFunctionLogGroup()
    {
        // Arrange
        var loaded = CloudFormationTemplate.Load(RepoFiles.Resolve(CentralTemplate));
        var function = loaded.Resources.Single(resource => resource.Value.TypeName() == "AWS::Serverless::Function").Key;
        var logGroup = loaded.Resources
            .Where(resource => resource.Value.TypeName() == "AWS::Logs::LogGroup"
                && resource.Value.Properties().Child("LogGroupName")?.SubOrPlainText() == $"/aws/lambda/${{{function}}}")
            .Select(resource => resource.Key)
            .Single();
        var role = FunctionRole();

        // Act
        var statements = TemplateFiles.SelectMany(IamPolicies.Statements)
            .Where(statement => statement.Allows && statement.Actions.Any(action => action.StartsWith("logs:", StringComparison.OrdinalIgnoreCase)))
            .ToList();

        // Assert: the log group's Arn ends in :*, its log streams, which PutLogEvents writes to.
        Assert.NotEmpty(statements);
        Assert.All(statements, statement =>
        {
            Assert.Equal([$"Fn::GetAtt {logGroup}.Arn"], statement.Resources.Select(resource => resource.Describe()));
            Assert.Equal([role], statement.Roles);
        });
    }

    [Fact]
    public void StateTableStatements_OnlyItsItemOperations_OnlyOnThatTable()
    {
        // Arrange
        var table = CloudFormationTemplate.Load(RepoFiles.Resolve(CentralTemplate)).Resources
            .Single(resource => resource.Value.Child("Type")?.PlainText() == "AWS::DynamoDB::Table").Key;

        // Act
        var statements = IamPolicies.Statements(CentralTemplate)
            .Where(statement => statement.Allows && statement.Actions.Any(action => action.StartsWith("dynamodb:", StringComparison.Ordinal)))
            .ToList();

        // Assert
        Assert.Equal("SigninStateTable", table);
        var statement = Assert.Single(statements);
        Assert.Equal(["dynamodb:BatchGetItem", "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], statement.Actions.Order(StringComparer.Ordinal));
        Assert.Equal([$"Fn::GetAtt {table}.Arn"], statement.Resources.Select(resource => resource.Describe()));
        Assert.Equal(["FunctionRole"], statement.Roles);
    }

    /// <summary>Why a resource of an Allow statement could be more than the resources it names; null when it is fine.</summary>
    private static string? ResourceProblem(YamlNode resource, Dictionary<string, YamlMappingNode> parameters, HashSet<string> resources, bool onEveryResource)
    {
        if (resource.RefName() is { } name)
        {
            return parameters.TryGetValue(name, out var parameter) ? ParameterProblem(name, parameter)
                : resources.Contains(name) ? null
                : $"refers to {name}, which the template does not define";
        }

        if (resource.GetAtt() is ({ } target, _))
        {
            return resources.Contains(target) ? null : $"refers to {target}, which the template does not define";
        }

        if (resource.SubOrPlainText() is not { } text)
        {
            return "cannot be checked (an intrinsic function other than Ref, Fn::GetAtt or Fn::Sub)";
        }

        if (text == "*")
        {
            return onEveryResource ? null : "is every resource";
        }

        if (SubVariable().Replace(text, string.Empty).IndexOfAny(['*', '?']) >= 0)
        {
            return "holds a wildcard";
        }

        return SubVariable().Matches(text)
            .Select(match => match.Groups["name"].Value)
            .Where(parameters.ContainsKey)
            .Select(variable => ParameterProblem(variable, parameters[variable]))
            .FirstOrDefault(problem => problem is not null);
    }

    /// <summary>A parameter that flows into a Resource must refuse a wildcard; ArnParameterPatternTests checks the rest of its pattern.</summary>
    private static string? ParameterProblem(string name, YamlMappingNode parameter) =>
        ParameterConstraints.Accepts(parameter, "*") || ParameterConstraints.Accepts(parameter, "arn:*")
            ? $"comes from parameter {name}, which takes the value *"
            : null;

    private static string FunctionRole()
    {
        var loaded = CloudFormationTemplate.Load(RepoFiles.Resolve(CentralTemplate));
        var function = loaded.Resources.Single(resource => resource.Value.TypeName() == "AWS::Serverless::Function").Value;
        return function.Properties().Child("Role")?.GetAtt() is ({ } role, "Arn")
            ? role
            : throw new InvalidOperationException("the function's Role is not Fn::GetAtt <role>.Arn");
    }

    [GeneratedRegex(@"^[a-z0-9-]+:[A-Za-z0-9]+$")]
    private static partial Regex ServiceAction();

    [GeneratedRegex(@"^(ssm|secretsmanager)\.(?<region>\$\{AWS::Region\}|\*|[a-z]{2}(-[a-z]+)+-[0-9]+)\.(amazonaws\.com|\$\{AWS::URLSuffix\})$")]
    private static partial Regex ViaService();

    [GeneratedRegex(@"\$\{(?<name>[^}!]+)\}")]
    private static partial Regex SubVariable();
}
