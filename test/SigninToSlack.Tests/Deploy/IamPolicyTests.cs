using System.Text.RegularExpressions;
using SigninToSlack.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace SigninToSlack.Tests.Deploy;

/// <summary>
/// The identity policies of template.yaml and forwarder.yaml, read statement by statement with every condition's
/// alternatives: each names its actions and resources, kms:Decrypt works only through SSM or Secrets Manager, each
/// function writes logs to its own log group only, the notifier may change nothing in IAM, and the Respond function
/// may contain this account's users and roles but never the product's own, AWS's, or those tagged protected.
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

    /// <summary>What Containment/ calls, and nothing more: the Respond role's only IAM actions.</summary>
    private static readonly string[] ContainmentActions =
    [
        "iam:ListUserTags", "iam:ListAccessKeys", "iam:UpdateAccessKey", "iam:PutUserPolicy", "iam:DeleteUserPolicy",
        "iam:GetRole", "iam:ListRoleTags", "iam:PutRolePolicy", "iam:DeleteRolePolicy",
    ];

    /// <summary>
    /// The one wildcard that an Allow may hold: containment acts on whichever user or role of this account signed in,
    /// known only when it is reported, and the denies of the same policy carve out what it may never touch.
    /// </summary>
    private static readonly HashSet<string?> ThisAccountsPrincipals = new(StringComparer.Ordinal)
    {
        "arn:${AWS::Partition}:iam::${AWS::AccountId}:user/*",
        "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*",
    };

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
    [InlineData("template.yaml", "RespondRole", new[] { "dynamodb:GetItem", "dynamodb:PutItem", "iam:DeleteRolePolicy", "iam:DeleteUserPolicy", "iam:GetRole", "iam:ListAccessKeys", "iam:ListRoleTags", "iam:ListUserTags", "iam:PutRolePolicy", "iam:PutUserPolicy", "iam:UpdateAccessKey", "kms:Decrypt", "lambda:InvokeFunction", "logs:CreateLogStream", "logs:PutLogEvents", "secretsmanager:GetSecretValue", "sqs:SendMessage", "ssm:GetParameter" })]
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

    [Theory]
    [InlineData("Function", "FunctionRole")]
    [InlineData("RespondFunction", "RespondRole")]
    public void Function_Role_IsItsOwn(string function, string expected)
    {
        // Act
        var role = RoleOf(function);

        // Assert: the role whose actions Role_AllowedActions_AreWhatItsUserCalls lists.
        Assert.Equal(expected, role);
    }

    /// <summary>The notifier reads whatever an event says: it may change nothing in IAM, nor read it.</summary>
    [Theory]
    [InlineData("template.yaml", "FunctionRole")]
    [InlineData("forwarder.yaml", "ForwardRole")]
    public void NotifierRoles_Actions_NoIam(string template, string role)
    {
        // Act
        var statements = IamPolicies.Statements(template).Where(statement => statement.Roles.Contains(role)).ToList();

        // Assert
        Assert.NotEmpty(statements);
        Assert.All(statements, statement => Assert.DoesNotContain(statement.Actions, action => action.StartsWith("iam:", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void RespondContainment_Allow_ExactlyContainmentsCallsOnThisAccountsUsersAndRoles()
    {
        // Act
        var statements = IamPolicies.Statements(CentralTemplate)
            .Where(statement => statement.Allows && statement.Actions.Any(action => action.StartsWith("iam:", StringComparison.Ordinal)))
            .ToList();

        // Assert
        var statement = Assert.Single(statements);
        Assert.Equal(["RespondRole"], statement.Roles);
        Assert.Equal(ContainmentActions.Order(StringComparer.Ordinal), statement.Actions.Order(StringComparer.Ordinal));
        Assert.Equal(ThisAccountsPrincipals.Order(StringComparer.Ordinal), statement.Resources.Select(resource => resource.SubOrPlainText()).Order(StringComparer.Ordinal));
        Assert.Null(statement.Condition);
    }

    [Fact]
    public void RespondContainment_Deny_EveryCallOnTheProductsRoles_AndEveryChangeToAwsRoles()
    {
        // Act
        var statements = IamPolicies.Statements(CentralTemplate).Where(statement => statement.Effect == "Deny" && statement.Condition is null).ToList();

        // Assert: each of this product's roles by its ARN, every call; the paths of AWS's service-linked and IAM
        // Identity Center roles, every change (they stay readable: an AWSReservedSSO_ role's path is read).
        Assert.Equal(2, statements.Count);
        Assert.All(statements, statement => Assert.Equal(["RespondRole"], statement.Roles));
        var own = Assert.Single(statements, statement => statement.Resources.Any(resource => resource.GetAtt() is not null));
        Assert.Equal(ContainmentActions.Order(StringComparer.Ordinal), own.Actions.Order(StringComparer.Ordinal));
        Assert.Equal(["Fn::GetAtt FunctionRole.Arn", "Fn::GetAtt RespondRole.Arn"], own.Resources.Select(resource => resource.Describe()).Order(StringComparer.Ordinal));
        var aws = Assert.Single(statements, statement => statement != own);
        Assert.Equal(["iam:DeleteRolePolicy", "iam:PutRolePolicy"], aws.Actions.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("iam:GetRole", aws.Actions);
        Assert.Equal(
            ["arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-reserved/*", "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/*"],
            aws.Resources.Select(resource => resource.SubOrPlainText()).Order(StringComparer.Ordinal));
        var roles = CloudFormationTemplate.Load(RepoFiles.Resolve(CentralTemplate)).Resources
            .Where(resource => resource.Value.TypeName() == "AWS::IAM::Role").Select(resource => resource.Key).Order(StringComparer.Ordinal);
        Assert.Equal(["FunctionRole", "RespondRole"], roles);
    }

    [Fact]
    public void RespondContainment_Deny_EveryChangeToAPrincipalTaggedProtected()
    {
        // Act
        var statements = IamPolicies.Statements(CentralTemplate).Where(statement => statement.Effect == "Deny" && statement.Condition is not null).ToList();

        // Assert: a deny whenever the tag is there (whatever its value), on every principal the allow names; the
        // tags themselves stay readable, so that the function can say why it left the principal alone.
        var statement = Assert.Single(statements);
        Assert.Equal(["RespondRole"], statement.Roles);
        Assert.Equal(ContainmentActions.Where(IsChange).Order(StringComparer.Ordinal), statement.Actions.Order(StringComparer.Ordinal));
        Assert.Equal(ThisAccountsPrincipals.Order(StringComparer.Ordinal), statement.Resources.Select(resource => resource.SubOrPlainText()).Order(StringComparer.Ordinal));
        var (name, keys) = Assert.Single(statement.Condition!.Children);
        Assert.Equal("Null", name.PlainText());
        var (key, value) = Assert.Single(((YamlMappingNode)keys).Children);
        Assert.Equal("aws:ResourceTag/" + SigninToSlack.Containment.Containment.ProtectedTag, key.PlainText());
        Assert.Equal("false", value.PlainText());
    }

    [Fact]
    public void RespondRole_InvokeFunction_OnlyItself()
    {
        // Arrange
        var template = CloudFormationTemplate.Load(RepoFiles.Resolve(CentralTemplate));
        var stack = ExampleStack.Deployed(template, ("Respond", "Create"));
        var name = CloudFormationTemplate.Evaluate(template.Resources.Single(resource => resource.Key == "RespondFunction").Value.Properties().Child("FunctionName")!, stack).GetValue<string>();

        // Act
        var statements = IamPolicies.Statements(CentralTemplate).Where(statement => statement.Actions.Any(action => action.StartsWith("lambda:", StringComparison.Ordinal))).ToList();

        // Assert
        var statement = Assert.Single(statements);
        Assert.True(statement.Allows);
        Assert.Equal(["RespondRole"], statement.Roles);
        Assert.Equal(["lambda:InvokeFunction"], statement.Actions);
        var resource = Assert.Single(statement.Resources);
        Assert.Equal($"arn:aws:lambda:us-east-1:123456789012:function:{name}", CloudFormationTemplate.Evaluate(resource, stack).GetValue<string>());
        Assert.Equal(ExampleStack.RespondFunctionName, name);
    }

    /// <summary>The Respond function reads the same webhooks, token and keys: its role reads them exactly as the notifier's does.</summary>
    [Fact]
    public void RespondRole_StoredSecrets_ReadAsTheNotifierReadsThem()
    {
        // Arrange
        var statements = IamPolicies.Statements(CentralTemplate);

        // Act
        string[] Reads(string role) => [.. statements
            .Where(statement => statement.Roles.Contains(role) && statement.Actions.Any(action => action.Split(':')[0] is "ssm" or "secretsmanager" or "kms"))
            .Select(statement => $"{statement.Policy.Split('/')[^1]}: {Text(statement.Node)}")
            .Order(StringComparer.Ordinal)];

        // Assert
        Assert.Equal(6, Reads("FunctionRole").Length);
        Assert.Equal(Reads("FunctionRole"), Reads("RespondRole"));
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
            var onAnyPrincipal = statement.Actions.All(ContainmentActions.Contains);
            foreach (var resource in statement.Resources)
            {
                var problem = onAnyPrincipal && ThisAccountsPrincipals.Contains(resource.SubOrPlainText()) ? null : ResourceProblem(resource, parameters, resources, onEveryResource);
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
    public void LogsStatements_Resource_OnlyTheirFunctionsLogGroup()
    {
        // Arrange: each function's log group, /aws/lambda/<its name>, and the role it runs with.
        var loaded = CloudFormationTemplate.Load(RepoFiles.Resolve(CentralTemplate));
        var logGroups = loaded.Resources
            .Where(resource => resource.Value.TypeName() == "AWS::Logs::LogGroup")
            .ToDictionary(resource => resource.Value.Properties().Child("LogGroupName")!.SubOrPlainText()!, resource => resource.Key, StringComparer.Ordinal);
        var expected = loaded.Resources
            .Where(resource => resource.Value.TypeName() == "AWS::Serverless::Function")
            .Select(resource => (Role: RoleOf(resource.Key), Group: logGroups[resource.Value.Properties().Child("FunctionName")?.SubOrPlainText() is { } name ? $"/aws/lambda/{name}" : $"/aws/lambda/${{{resource.Key}}}"]))
            .ToList();

        // Act
        var statements = TemplateFiles.SelectMany(IamPolicies.Statements)
            .Where(statement => statement.Allows && statement.Actions.Any(action => action.StartsWith("logs:", StringComparison.OrdinalIgnoreCase)))
            .ToList();

        // Assert: the log group's Arn ends in :*, its log streams, which PutLogEvents writes to.
        Assert.Equal(2, expected.Count);
        Assert.Equal(expected.Count, statements.Count);
        Assert.All(statements, statement =>
        {
            var role = Assert.Single(statement.Roles);
            Assert.Equal([$"Fn::GetAtt {expected.Single(function => function.Role == role).Group}.Arn"], statement.Resources.Select(resource => resource.Describe()));
            Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], statement.Actions.Order(StringComparer.Ordinal));
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
            .ToDictionary(statement => Assert.Single(statement.Roles), StringComparer.Ordinal);

        // Assert: the notifier also reads failure counts in batches; the Respond function uses tokens one by one.
        Assert.Equal("SigninStateTable", table);
        Assert.Equal(["FunctionRole", "RespondRole"], statements.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["dynamodb:BatchGetItem", "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], statements["FunctionRole"].Actions.Order(StringComparer.Ordinal));
        Assert.Equal(["dynamodb:GetItem", "dynamodb:PutItem"], statements["RespondRole"].Actions.Order(StringComparer.Ordinal));
        Assert.Null(statements["FunctionRole"].Condition);
        Assert.NotNull(statements["RespondRole"].Condition);
        Assert.All(statements.Values, statement => Assert.Equal([$"Fn::GetAtt {table}.Arn"], statement.Resources.Select(resource => resource.Describe())));
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

    private static string RoleOf(string function)
    {
        var loaded = CloudFormationTemplate.Load(RepoFiles.Resolve(CentralTemplate));
        var resource = loaded.Resources.Single(resource => resource.Key == function).Value;
        return resource.Properties().Child("Role")?.GetAtt() is ({ } role, "Arn")
            ? role
            : throw new InvalidOperationException($"{function}'s Role is not Fn::GetAtt <role>.Arn");
    }

    private static bool IsChange(string action) => !action.StartsWith("iam:Get", StringComparison.Ordinal) && !action.StartsWith("iam:List", StringComparison.Ordinal);

    /// <summary>A statement as written, with its Sid left out, for comparing two roles' statements.</summary>
    private static string Text(YamlMappingNode statement) =>
        string.Join("; ", statement.Children.Where(entry => entry.Key.PlainText() != "Sid").Select(entry => $"{entry.Key.PlainText()}={Flat(entry.Value)}"));

    private static string Flat(YamlNode node) => node switch
    {
        _ when node.Intrinsic() is not null => node.Describe(),
        YamlMappingNode mapping => "{" + string.Join(", ", mapping.Children.Select(entry => $"{entry.Key.PlainText()}={Flat(entry.Value)}")) + "}",
        YamlSequenceNode sequence => "[" + string.Join(", ", sequence.Children.Select(Flat)) + "]",
        _ => node.PlainText() ?? node.ToString(),
    };

    [GeneratedRegex(@"^[a-z0-9-]+:[A-Za-z0-9]+$")]
    private static partial Regex ServiceAction();

    [GeneratedRegex(@"^(ssm|secretsmanager)\.(?<region>\$\{AWS::Region\}|\*|[a-z]{2}(-[a-z]+)+-[0-9]+)\.(amazonaws\.com|\$\{AWS::URLSuffix\})$")]
    private static partial Regex ViaService();

    [GeneratedRegex(@"\$\{(?<name>[^}!]+)\}")]
    private static partial Regex SubVariable();
}
