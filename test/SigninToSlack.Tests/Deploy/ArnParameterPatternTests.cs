using System.Text.RegularExpressions;
using SigninToSlack.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace SigninToSlack.Tests.Deploy;

/// <summary>
/// The AllowedPattern of every parameter whose value becomes an IAM resource or principal, read from the templates
/// and run the way CloudFormation runs it: real ARNs and IDs of the right kind pass; a wildcard anywhere, another
/// service, an alias, a partial secret ARN or a space does not.
/// </summary>
public sealed partial class ArnParameterPatternTests
{
    private const string Parameter = "arn:aws:ssm:us-east-1:111122223333:parameter/signin-to-slack/webhook";
    private const string OtherParameter = "arn:aws:ssm:eu-west-1:111122223333:parameter/signin-to-slack/bot-token";
    private const string Secret = "arn:aws:secretsmanager:us-east-1:111122223333:secret:signin-to-slack-AbC123";
    private const string OtherSecret = "arn:aws:secretsmanager:us-east-1:111122223333:secret:team/oncall_webhook+1=a.b@c-x9Y8z7";
    private const string Key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string MultiRegionKey = "arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";

    private static readonly string[] TemplateFiles = ["template.yaml", "forwarder.yaml"];

    public static TheoryData<string, string> Accepted => new()
    {
        { "SecretParameterArns", "" },
        { "SecretParameterArns", Parameter },
        { "SecretParameterArns", Parameter + "," + OtherParameter },
        { "SecretParameterArns", "arn:aws:ssm:us-east-1:111122223333:parameter/webhook" },
        { "SecretParameterArns", "arn:aws-us-gov:ssm:us-gov-west-1:111122223333:parameter/signin-to-slack/webhook" },
        { "SecretParameterArns", "arn:aws-cn:ssm:cn-north-1:111122223333:parameter/signin_to.slack-1/webhook" },
        { "SecretArns", "" },
        { "SecretArns", Secret },
        { "SecretArns", Secret + "," + OtherSecret },
        { "SecretsKmsKeyArns", "" },
        { "SecretsKmsKeyArns", Key },
        { "SecretsKmsKeyArns", Key + "," + MultiRegionKey },
        { "WebhookParameterArn", "" },
        { "WebhookParameterArn", Parameter },
        { "WebhookSecretArn", "" },
        { "WebhookSecretArn", Secret },
        { "WebhookKmsKeyArn", "" },
        { "WebhookKmsKeyArn", MultiRegionKey },
        { "ForwarderAccountIds", "" },
        { "ForwarderAccountIds", "444455556666" },
        { "ForwarderAccountIds", "444455556666,777788889999" },
        { "OrganizationId", "" },
        { "OrganizationId", "o-a1b2c3d4e5" },
        { "CentralAccountId", "111122223333" },
        { "CentralRegion", "us-east-1" },
        { "CentralRegion", "us-gov-west-1" },
    };

    public static TheoryData<string, string> Rejected => new()
    {
        { "SecretParameterArns", "*" },
        { "SecretParameterArns", "arn:aws:ssm:us-east-1:111122223333:parameter/*" },
        { "SecretParameterArns", "arn:aws:ssm:us-east-1:111122223333:parameter/signin-to-slack/*" },
        { "SecretParameterArns", "arn:aws:ssm:us-east-1:111122223333:parameter/signin-to-slack/webhoo?" },
        { "SecretParameterArns", "arn:aws:ssm:*:111122223333:parameter/signin-to-slack/webhook" },
        { "SecretParameterArns", "arn:aws:ssm:us-east-1:*:parameter/signin-to-slack/webhook" },
        { "SecretParameterArns", "arn:aws:ssm:us-east-1:111122223333:*" },
        { "SecretParameterArns", "arn:*:ssm:us-east-1:111122223333:parameter/signin-to-slack/webhook" },
        { "SecretParameterArns", Parameter + ",*" },
        { "SecretParameterArns", Parameter + ", " + OtherParameter },
        { "SecretParameterArns", Parameter + "\n" },
        { "SecretParameterArns", "/signin-to-slack/webhook" },
        { "SecretParameterArns", "arn:aws:ssm:us-east-1:11112222333:parameter/signin-to-slack/webhook" },
        { "SecretParameterArns", "arn:aws:ssm:us-east-1:111122223333:parameter//webhook" },
        { "SecretParameterArns", Secret },
        { "SecretArns", "*" },
        { "SecretArns", "arn:aws:secretsmanager:us-east-1:111122223333:secret:*" },
        { "SecretArns", "arn:aws:secretsmanager:us-east-1:111122223333:secret:signin-to-slack-??????" },
        { "SecretArns", "arn:aws:secretsmanager:us-east-1:111122223333:secret:signin-to-slack" },
        { "SecretArns", Secret + ",arn:aws:secretsmanager:us-east-1:111122223333:secret:*" },
        { "SecretArns", Parameter },
        { "SecretsKmsKeyArns", "*" },
        { "SecretsKmsKeyArns", "arn:aws:kms:us-east-1:111122223333:key/*" },
        { "SecretsKmsKeyArns", "arn:aws:kms:us-east-1:111122223333:alias/signin-to-slack" },
        { "SecretsKmsKeyArns", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890a" },
        { "SecretsKmsKeyArns", Key + ",*" },
        { "WebhookParameterArn", "*" },
        { "WebhookParameterArn", "arn:aws:ssm:us-east-1:111122223333:parameter/*" },
        { "WebhookParameterArn", Parameter + "," + OtherParameter },
        { "WebhookSecretArn", "arn:aws:secretsmanager:us-east-1:111122223333:secret:signin-to-slack-*" },
        { "WebhookKmsKeyArn", "arn:aws:kms:*:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
        { "ForwarderAccountIds", "*" },
        { "ForwarderAccountIds", "444455556666,*" },
        { "ForwarderAccountIds", "444455556666, 777788889999" },
        { "ForwarderAccountIds", "4444555566" },
        { "ForwarderAccountIds", "arn:aws:iam::444455556666:root" },
        { "OrganizationId", "*" },
        { "OrganizationId", "o-*" },
        { "CentralAccountId", "*" },
        { "CentralRegion", "*" },
        { "CentralRegion", "us-east-*" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Pattern_RealValue_IsAccepted(string name, string value)
    {
        // Arrange
        var parameter = FindParameter(name);

        // Act
        var accepted = ParameterConstraints.Accepts(parameter, value);

        // Assert: a list's pattern also takes the whole list, as its ConstraintDescription says.
        Assert.True(accepted, $"{name} refuses {value}");
        if (ParameterConstraints.IsList(parameter))
        {
            Assert.True(ParameterConstraints.MatchesWhole(ParameterConstraints.Pattern(parameter)!, value), $"{name}'s pattern refuses the whole list {value}");
        }
    }

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Pattern_WildcardOrWrongValue_IsRejected(string name, string value)
    {
        // Arrange
        var parameter = FindParameter(name);

        // Act
        var accepted = ParameterConstraints.Accepts(parameter, value);

        // Assert
        Assert.False(accepted, $"{name} takes {value}");
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Pattern_WildcardAnywhereInRealValue_IsRejected(string name, string value)
    {
        // Arrange
        var parameter = FindParameter(name);
        var variants = new List<string>();
        foreach (var wildcard in new[] { "*", "?" })
        {
            for (var i = 0; i <= value.Length; i++)
            {
                variants.Add(value.Insert(i, wildcard));
                if (i < value.Length)
                {
                    variants.Add(value.Remove(i, 1).Insert(i, wildcard));
                }
            }
        }

        // Act
        var accepted = variants.Where(variant => ParameterConstraints.Accepts(parameter, variant)).ToList();

        // Assert
        Assert.True(accepted.Count == 0, $"{name} takes {string.Join(", ", accepted)}");
    }

    [Fact]
    public void Parameters_NamingArnsOrAccounts_HavePatternsTestedHere()
    {
        // Arrange
        var sampled = Accepted.Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);

        // Act
        var parameters = TemplateFiles
            .SelectMany(template => CloudFormationTemplate.Load(RepoFiles.Resolve(template)).Parameters)
            .Where(parameter => ArnOrAccountName().IsMatch(parameter.Key))
            .ToList();

        // Assert
        Assert.NotEmpty(parameters);
        Assert.All(parameters, parameter =>
        {
            Assert.True(ParameterConstraints.Pattern(parameter.Value) is not null, $"{parameter.Key} has no AllowedPattern");
            Assert.True(sampled.Contains(parameter.Key), $"{parameter.Key} has no samples in {nameof(ArnParameterPatternTests)}");
        });
    }

    private static YamlMappingNode FindParameter(string name)
    {
        var found = TemplateFiles
            .SelectMany(template => CloudFormationTemplate.Load(RepoFiles.Resolve(template)).Parameters)
            .Where(parameter => parameter.Key == name)
            .ToList();
        Assert.True(found.Count == 1, $"{found.Count} parameters named {name} in {string.Join(" and ", TemplateFiles)}");
        Assert.True(ParameterConstraints.Pattern(found[0].Value) is not null, $"{name} has no AllowedPattern");
        return found[0].Value;
    }

    [GeneratedRegex("(Arn|Arns|AccountId|AccountIds|OrganizationId|Region)$")]
    private static partial Regex ArnOrAccountName();
}
