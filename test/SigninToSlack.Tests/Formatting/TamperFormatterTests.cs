using System.Text;
using System.Text.Json;
using SigninToSlack.Alerts;
using SigninToSlack.Events;
using SigninToSlack.Formatting;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Formatting;

/// <summary>Tamper alerts (events/watcher/) and AWS Sign-In's own events, from event bytes to the Slack payload.</summary>
public sealed class TamperFormatterTests
{
    private static SigninAlert FromFile(params string[] path) =>
        AlertClassifier.Classify(SigninEventReader.Read(File.ReadAllBytes(Path.Combine([RepoFiles.Events, .. path])))).Alert
            ?? throw new InvalidOperationException(string.Join('/', path) + " was skipped");

    public static TheoryData<string, string, string> WatcherSamples() => new()
    {
        { "cloudtrail-stop-logging.json", "critical", "CloudTrail logging stopped on trail arn:aws:cloudtrail:us-west-2:123456789012:trail/example-trail by an unknown session (role Tester) in account 123456789012 from 198.51.100.111" },
        { "cloudtrail-stop-logging-refused.json", "high", "An attempt to stop CloudTrail logging on trail arn:aws:cloudtrail:us-west-2:123456789012:trail/example-trail by an unknown session (role Tester) was refused (InvalidTrailNameException) in account 123456789012 from 198.51.100.111" },
        { "cloudtrail-put-event-selectors.json", "critical", "CloudTrail event selectors changed on trail sample-cloudtrail-name by leroy.jenkins (role SampleRole) in account 111122223333 from 203.0.113.4" },
        { "lambda-update-function-code.json", "critical", "Lambda function code changed on function production-api by john.developer (IAM user) in account 123456789012 from 203.0.113.50" },
        { "lambda-put-function-concurrency-zero.json", "critical", "Lambda function stopped (reserved concurrency 0) on function production-api by john.developer (IAM user) in account 123456789012 from 203.0.113.50" },
        { "events-disable-signin-rule.json", "critical", "EventBridge rule disabled on rule signin-to-slack-SigninRule-1A2B3C4D5E6F by john.developer (IAM user) in account 123456789012 from 203.0.113.50" },
        { "events-remove-targets-watcher.json", "critical", "EventBridge rule targets removed on rule signin-to-slack-watcher by john.developer (IAM user) in account 123456789012 from 203.0.113.50" },
        { "ssm-put-parameter.json", "critical", "SSM parameter changed on parameter /signin-to-slack/webhook by john.developer (IAM user) in account 123456789012 from 203.0.113.50" },
        { "secretsmanager-put-secret-value.json", "critical", "Secret value changed on secret arn:aws:secretsmanager:us-east-1:123456789012:secret:signin-to-slack-token-AbCdEf by john.developer (IAM user) in account 123456789012 from 203.0.113.50" },
        { "iam-put-role-policy.json", "critical", "IAM role inline policy changed on role signin-to-slack-FunctionRole-1A2B3C4D5E6F by john.developer (IAM user) in account 123456789012 from 203.0.113.50" },
    };

    [Theory]
    [MemberData(nameof(WatcherSamples))]
    public void Write_WatcherSample_SaysWhatWasDoneToWhichResourceByWhom(string file, string severity, string sentence)
    {
        // Arrange
        var alert = FromFile("watcher", file);

        // Act
        var payload = Encoding.UTF8.GetString(Samples.PayloadBytes(alert));

        // Assert
        Assert.Equal(AlertKind.Tamper, alert.Kind);
        Assert.Equal(severity, AlertText.SeverityWord(alert.Severity));
        Assert.Equal(sentence, AlertText.PlainSentence(alert));
        BlockKit.AssertValid(payload);
        using var doc = JsonDocument.Parse(payload);
        var text = doc.RootElement.GetProperty("text").GetString()!;
        Assert.Contains(alert.Outcome == Outcome.Failure ? alert.Change!.Attempt : alert.Change!.Done, text, StringComparison.Ordinal);

        // The resource is event text: it never reaches the mrkdwn summary.
        Assert.DoesNotContain(alert.Resource!, text, StringComparison.Ordinal);
        Assert.Contains("View in CloudTrail", payload, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_StopLoggingSample_MatchesGoldenPayload()
    {
        var payload = Encoding.UTF8.GetString(Samples.PayloadBytes(FromFile("watcher", "cloudtrail-stop-logging.json")));

        var golden = File.ReadAllText(Path.Combine(RepoFiles.Root, "test", "SigninToSlack.Tests", "Formatting", "golden", "cloudtrail-stop-logging.payload.json")).TrimEnd();
        Assert.Equal(golden, payload);
    }

    [Theory]
    [InlineData("ssm-put-parameter.json", "HIDDEN_DUE_TO_SECURITY_REASONS")]
    [InlineData("iam-put-role-policy.json", "\\\"Action\\\"")]
    [InlineData("secretsmanager-put-secret-value.json", "EXAMPLE1-90ab")]
    public void Write_RequestWithValueOrDocument_WithholdsIt(string file, string withheld)
    {
        var payload = Encoding.UTF8.GetString(Samples.PayloadBytes(FromFile("watcher", file)));

        Assert.DoesNotContain(withheld, payload, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_OtherRequestParameters_AreShownAsFields()
    {
        var alert = FromFile("watcher", "cloudtrail-put-event-selectors.json");

        var fields = alert.Fields!.ToDictionary(f => f.Key, f => f.Value);

        Assert.Equal("false", fields["eventSelectors[0].includeManagementEvents"]);
        Assert.Equal("ReadOnly", fields["eventSelectors[0].readWriteType"]);
        Assert.DoesNotContain("trailName", fields.Keys);
    }

    [Fact]
    public void Classify_ApiCallRefusedWithAccessDenied_IsHighAndSaysRefused()
    {
        var bytes = File.ReadAllText(Path.Combine(RepoFiles.Events, "watcher", "lambda-update-function-code.json"))
            .Replace("\"eventVersion\": \"1.05\",", "\"eventVersion\": \"1.05\", \"errorCode\": \"AccessDenied\",", StringComparison.Ordinal);

        var alert = AlertClassifier.Classify(SigninEventReader.Read(Encoding.UTF8.GetBytes(bytes))).Alert!;

        Assert.Equal(Severity.High, alert.Severity);
        Assert.StartsWith("An attempt to change a Lambda function's code on function production-api by john.developer (IAM user) was refused (AccessDenied)", AlertText.PlainSentence(alert), StringComparison.Ordinal);
        Assert.Contains("Refused: AccessDenied", Encoding.UTF8.GetString(Samples.PayloadBytes(alert)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lambda.amazonaws.com", "DeleteFunction20150331", "Lambda function deleted")]
    [InlineData("lambda.amazonaws.com", "DeleteFunctionConcurrency20171031", "Lambda function concurrency removed")]
    [InlineData("lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2", "Lambda function configuration changed")]
    [InlineData("lambda.amazonaws.com", "DeleteFunctionUrlConfig", null)]
    [InlineData("cloudtrail.amazonaws.com", "DescribeTrails", null)]
    [InlineData("ssm.amazonaws.com", "GetParameter", null)]
    [InlineData("s3.amazonaws.com", "PutParameter", null)]
    public void Find_EventName_IsMatchedBySourceAndVersionedName(string source, string name, string? done)
    {
        Assert.Equal(done, TamperActions.Find(source, name)?.Done);
    }

    [Fact]
    public void Write_AnomalyAlertWithFields_ShowsThemAsTextOnly()
    {
        // Arrange
        var alert = FromFile("signin-anomaly-fields.json");

        // Act
        var payload = Encoding.UTF8.GetString(Samples.PayloadBytes(alert));

        // Assert
        Assert.Equal(AlertKind.SigninService, alert.Kind);
        Assert.Equal(Severity.High, alert.Severity);
        Assert.Equal("AWS Sign-In sent a sign-in anomaly alert about IAM user anaya in account 111122223333 from 203.0.113.77", AlertText.PlainSentence(alert));
        BlockKit.AssertValid(payload);
        using var doc = JsonDocument.Parse(payload);
        Assert.Equal(":warning: [HIGH] Sign-in anomaly alert \u00b7 account 111122223333", doc.RootElement.GetProperty("text").GetString());
        var elements = doc.RootElement.GetProperty("attachments")[0].GetProperty("blocks")[2].GetProperty("elements")[0].GetProperty("elements");
        var texts = elements.EnumerateArray().Select(e => e.TryGetProperty("text", out var t) ? t.GetString() : null).ToList();
        Assert.Contains("ImpossibleTravel", texts);
        Assert.Contains("<!channel> *bold* <https://evil.example|click>", texts);
        Assert.DoesNotContain(texts, t => t is not null && t.Contains("userIdentity", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_UnknownSigninDetailTypeWithManyFields_IsPostedWithinLimits()
    {
        // Arrange: more fields than an alert shows, long names and values, a detail-type nobody knows.
        var detail = string.Join(',', Enumerable.Range(0, 40).Select(i => $"\"field{i}{new string('n', 100)}\":\"{new string('v', 5000)}\""));
        var json = $$$"""{"id":"e-1","source":"aws.signin","detail-type":"Sign-in Something New <!here>","account":"111122223333","time":"2026-11-27T10:00:00Z","region":"us-east-1","detail":{{{{detail}}}}}""";

        // Act
        var alert = AlertClassifier.Classify(SigninEventReader.Read(Encoding.UTF8.GetBytes(json))).Alert!;
        var payload = Encoding.UTF8.GetString(Samples.PayloadBytes(alert));

        // Assert
        Assert.Equal(AlertKind.SigninService, alert.Kind);
        Assert.StartsWith("AWS Sign-In sent an event of a type this product does not know (Sign-in Something New <!here>)", AlertText.PlainSentence(alert), StringComparison.Ordinal);
        BlockKit.AssertValid(payload);
        Assert.True(payload.Length < SlackLimits.Payload, $"payload is {payload.Length} characters");
        Assert.Contains("(20 more fields not shown)", payload, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(payload);
        Assert.DoesNotContain("<!here>", doc.RootElement.GetProperty("text").GetString()!, StringComparison.Ordinal);
    }
}
