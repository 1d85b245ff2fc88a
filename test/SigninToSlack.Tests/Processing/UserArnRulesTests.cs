using SigninToSlack.Configuration;
using SigninToSlack.Delivery;
using SigninToSlack.Policy;
using SigninToSlack.Processing;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Processing;

/// <summary>
/// Rules that name an IAM user by its ARN (SLACK_PEOPLE, SIGNIN_IGNORE_PRINCIPALS) match the recorded sign-in: the
/// event is then read with the user's ARN, which the alert itself does not need.
/// </summary>
public sealed class UserArnRulesTests
{
    private const string AnayaArn = "arn:aws:iam::111122223333:user/anaya";

    private static (SigninProcessor Processor, RecordingSink Sink) Processor(params (string Name, string Value)[] variables)
    {
        var sink = new RecordingSink();
        var policy = new AlertPolicy(PolicyReader.Read(name => variables.FirstOrDefault(v => v.Name == name).Value, botToken: false));
        return (new SigninProcessor(policy, new SlackDelivery(new AlertRouter(null, RouteSettings.None, (_, _) => sink), null, new DeliveryLedger(TimeProvider.System))), sink);
    }

    private static Task<EventOutcome> ProcessAsync(SigninProcessor processor) =>
        processor.ProcessAsync(Samples.File("iam-user-success-mfa.json"), bareRecord: false, DateTimeOffset.UtcNow.AddSeconds(30), CancellationToken.None);

    [Fact]
    public async Task SlackPeople_ByUserArn_MentionsThePerson()
    {
        var (processor, sink) = Processor(("SLACK_PEOPLE", $"{AnayaArn}=U012AB3CD"));

        await ProcessAsync(processor);

        Assert.True(processor.ReadsUserArns);
        Assert.Contains("<@U012AB3CD>", Assert.Single(sink.Payloads), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IgnorePrincipals_ByUserArn_SkipsTheSignin()
    {
        var (processor, sink) = Processor(("SIGNIN_IGNORE_PRINCIPALS", AnayaArn));

        var outcome = await ProcessAsync(processor);

        Assert.Equal(OutcomeKind.Skipped, outcome.Kind);
        Assert.Empty(sink.Payloads);
    }

    [Fact]
    public void RulesByName_DoNotReadTheArn() =>
        Assert.False(Processor(("SLACK_PEOPLE", "user/anaya=U012AB3CD"), ("SIGNIN_IGNORE_PRINCIPALS", "role/ci")).Processor.ReadsUserArns);
}
