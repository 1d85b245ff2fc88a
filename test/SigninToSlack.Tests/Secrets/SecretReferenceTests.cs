using SigninToSlack.Secrets;
using SigninToSlack.Configuration;

namespace SigninToSlack.Tests.Secrets;

public sealed class SecretReferenceTests
{
    [Theory]
    [InlineData("ssm:/signin-to-slack/webhook", "Ssm", "/signin-to-slack/webhook", null)]
    [InlineData("ssm:arn:aws:ssm:eu-west-1:111122223333:parameter/slack/hook", "Ssm", "arn:aws:ssm:eu-west-1:111122223333:parameter/slack/hook", null)]
    [InlineData("secretsmanager:signin-to-slack", "SecretsManager", "signin-to-slack", null)]
    [InlineData("secretsmanager:prod/slack#webhook", "SecretsManager", "prod/slack", "webhook")]
    [InlineData("secretsmanager:arn:aws:secretsmanager:us-east-1:111122223333:secret:slack-AbCdEf#hook url", "SecretsManager", "arn:aws:secretsmanager:us-east-1:111122223333:secret:slack-AbCdEf", "hook url")]
    public void Parse_Reference_GivesKindIdAndKey(string value, string kind, string id, string? key)
    {
        var reference = SecretReference.Parse(value);

        Assert.Equal(new SecretReference(Enum.Parse<SecretKind>(kind), id, key), reference);
        Assert.Equal(value, reference!.ToString());
    }

    [Theory]
    [InlineData("https://hooks.slack.com/services/T000/B000/XXXX")]
    [InlineData("xoxb-123")]
    public void Parse_PlainValue_IsNotAReference(string value) => Assert.Null(SecretReference.Parse(value));

    [Theory]
    [InlineData("ssm:")]
    [InlineData("ssm:/path with SECRET space")]
    [InlineData("ssm:/path?SECRET")]
    [InlineData("secretsmanager:")]
    [InlineData("secretsmanager:#SECRET")]
    [InlineData("secretsmanager:name#")]
    [InlineData("secretsmanager:SECRET name")]
    public void Parse_MalformedReference_FailsWithoutQuotingIt(string value)
    {
        var error = Assert.Throws<FormatException>(() => SecretReference.Parse(value));

        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ssm:arn:aws:ssm:eu-west-1:111122223333:parameter/x", "eu-west-1")]
    [InlineData("secretsmanager:arn:aws:secretsmanager:ap-southeast-2:111122223333:secret:x-AbCdEf#k", "ap-southeast-2")]
    [InlineData("ssm:/x", null)]
    [InlineData("ssm:arn:aws:ssm:eu-west-1.evil.example:111122223333:parameter/x", null)]
    public void ArnRegion_Reference_IsTheArnsRegionOrNull(string value, string? region) =>
        Assert.Equal(region, new SecretReference(value.StartsWith("ssm:", StringComparison.Ordinal) ? SecretKind.Ssm : SecretKind.SecretsManager, value[(value.IndexOf(':', StringComparison.Ordinal) + 1)..].Split('#')[0]).ArnRegion);
}
