using SigninToSlack.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace SigninToSlack.Tests.Deploy;

/// <summary>One statement of an identity policy in a template, with where it is and the roles it is attached to.</summary>
internal sealed record IamStatement(string Template, string Policy, IReadOnlyList<string> Roles, YamlMappingNode Node)
{
    public string Where => $"{Template} {Policy} (line {Node.Start.Line})";

    public string? Effect => Node.Child("Effect").PlainText();

    public bool Allows => Effect == "Allow";

    /// <summary>The actions named, each condition's alternatives included; an intrinsic function is kept as its description.</summary>
    public IReadOnlyList<string> Actions => [.. Node.Child("Action").Elements().Select(action => action.PlainText() ?? action.Describe())];

    public IReadOnlyList<YamlNode> Resources => [.. Node.Child("Resource").Elements()];

    public YamlMappingNode? Condition => Node.Child("Condition") as YamlMappingNode;
}

/// <summary>
/// The identity policies of a template: the inline policies of AWS::IAM::Role, AWS::IAM::RolePolicy, AWS::IAM::Policy
/// and AWS::IAM::ManagedPolicy, and the inline Policies of AWS::Serverless::Function (whose role SAM makes, named
/// &lt;function&gt;Role). Resource policies (bus, queue, topic) are not identity policies and are not read here.
/// </summary>
internal static class IamPolicies
{
    public static IReadOnlyList<IamStatement> Statements(string template)
    {
        var statements = new List<IamStatement>();
        foreach (var (id, resource) in CloudFormationTemplate.Load(RepoFiles.Resolve(template)).Resources)
        {
            var properties = resource.Properties();
            switch (resource.TypeName())
            {
                case "AWS::IAM::Role":
                    foreach (var policy in properties.Child("Policies").Elements().OfType<YamlMappingNode>())
                    {
                        Add(statements, template, $"{id}/{policy.Child("PolicyName")?.Describe()}", [id], policy.Child("PolicyDocument"));
                    }

                    break;
                case "AWS::IAM::RolePolicy":
                    Add(statements, template, id, RoleNames(properties.Child("RoleName")), properties.Child("PolicyDocument"));
                    break;
                case "AWS::IAM::Policy" or "AWS::IAM::ManagedPolicy":
                    Add(statements, template, id, RoleNames(properties.Child("Roles")), properties.Child("PolicyDocument"));
                    break;
                case "AWS::Serverless::Function":
                    // Inline documents only; a SAM policy template or a managed policy name is not a statement
                    // this can read, and ManagedGrants lists it.
                    var index = 0;
                    foreach (var policy in properties.Child("Policies").Elements().OfType<YamlMappingNode>())
                    {
                        Add(statements, template, $"{id}/Policies[{index++}]", [id + "Role"], policy);
                    }

                    break;
            }
        }

        return statements;
    }

    /// <summary>
    /// What grants permissions without a statement in the template: a role's ManagedPolicyArns, a function's
    /// Policies given by name or as a SAM policy template, and a SAM function without a Role of the template's
    /// own (SAM's role always carries AWSLambdaBasicExecutionRole).
    /// </summary>
    public static IReadOnlyList<string> ManagedGrants(string template)
    {
        var loaded = CloudFormationTemplate.Load(RepoFiles.Resolve(template));
        var roles = loaded.Resources.Where(resource => resource.Value.TypeName() == "AWS::IAM::Role").Select(resource => resource.Key).ToHashSet(StringComparer.Ordinal);
        var grants = new List<string>();
        foreach (var (id, resource) in loaded.Resources)
        {
            var properties = resource.Properties();
            foreach (var arn in properties.Child("ManagedPolicyArns").Elements())
            {
                grants.Add($"{template} {id}: managed policy {arn.Describe()}");
            }

            if (resource.TypeName() is "AWS::Serverless::Function" or "AWS::Lambda::Function")
            {
                foreach (var policy in properties.Child("Policies").Elements().Where(policy => policy is not YamlMappingNode mapping || mapping.Child("Statement") is null))
                {
                    grants.Add($"{template} {id}: policy {policy.Describe()}");
                }

                var role = properties.Child("Role");
                if (role?.GetAtt() is not ({ } name, "Arn") || !roles.Contains(name))
                {
                    grants.Add($"{template} {id}: role {role?.Describe() ?? "made by SAM, with AWSLambdaBasicExecutionRole"}, not an AWS::IAM::Role of the template's own");
                }
            }
        }

        return grants;
    }

    private static IReadOnlyList<string> RoleNames(YamlNode? roles) =>
        [.. roles.Elements().Select(role => role.RefName() ?? role.Describe())];

    private static void Add(List<IamStatement> statements, string template, string policy, IReadOnlyList<string> roles, YamlNode? document)
    {
        if (document is not YamlMappingNode mapping)
        {
            throw new InvalidOperationException($"{template} {policy}: the policy document is not a mapping that can be read");
        }

        statements.AddRange(mapping.Child("Statement").Elements().Select(statement =>
            statement as YamlMappingNode is { } node
                ? new IamStatement(template, policy, roles, node)
                : throw new InvalidOperationException($"{template} {policy}: a statement at {statement.Start} is not a mapping")));
    }
}
