using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SigninToSlack.Respond;
using SigninToSlack.Tests.Support;
using SigninToSlack.Tokens;
using PostKind = SigninToSlack.Tests.Support.RuntimeApiServer.PostKind;

namespace SigninToSlack.Tests.EndToEnd;

/// <summary>
/// The Respond function as its own process, the way Lambda runs it behind its function URL: a Slack button press is
/// answered at once, handed to an asynchronous invocation of the same function (a loopback Lambda Invoke stand-in
/// queues it back on the Runtime API stand-in), which contains the IAM user on moto_server, uses the token up in the
/// state table there, updates the Slack message and tells the admins.
/// </summary>
[Collection(MotoServer.Collection)]
public sealed class RespondProcessTests(MotoServer moto)
{
    private const string Account = "123456789012";
    private const string LinkKey = "a link key of at least thirty-two characters";
    private const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Person = "U0ALICE01";

    [Fact]
    public async Task ButtonPress_IsAnsweredAtOnce_ThenContainedByTheAsynchronousInvocation()
    {
        using var http = new HttpClient();
        var iam = new MotoIam(moto.Endpoint, http, SecretsEnvironment.ForMoto(moto.Endpoint));
        var user = "e" + Guid.NewGuid().ToString("N")[..12];
        await iam.SetupAsync(new() { ["Action"] = "CreateUser", ["UserName"] = user });
        var key = MotoIam.Text(await iam.SetupAsync(new() { ["Action"] = "CreateAccessKey", ["UserName"] = user }), "AccessKeyId");
        var table = "signin-state-" + Guid.NewGuid().ToString("N")[..12];
        await moto.CreateStateTableAsync(table);

        await using var api = await RuntimeApiServer.StartAsync();
        await using var slack = await SlackStandIn.StartAsync();
        var invoked = new List<string>();
        await using var lambda = await LoopbackServer.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var queued = await reader.ReadToEndAsync();
            lock (invoked)
            {
                invoked.Add($"{context.Request.Path} {context.Request.Headers["x-amz-invocation-type"]}");
            }

            api.Enqueue(queued, DateTimeOffset.UtcNow.AddSeconds(30));
            context.Response.StatusCode = 202;
        });

        var environment = new Dictionary<string, string?>(SecretsEnvironment.ForMoto(moto.Endpoint))
        {
            ["AWS_LAMBDA_RUNTIME_API"] = api.Address,
            ["AWS_LAMBDA_FUNCTION_NAME"] = "signin-respond",
            ["AWS_ENDPOINT_URL_LAMBDA"] = lambda.BaseAddress.ToString(),
            ["SIGNIN_HANDLER"] = "Respond",
            ["SIGNIN_LINK_KEY"] = LinkKey,
            ["SIGNIN_ACCOUNT_ID"] = Account,
            ["SIGNIN_STATE_TABLE"] = table,
            ["SLACK_SIGNING_SECRET"] = SigningSecret,
            ["SLACK_ADMINS"] = "U0ADMIN01",
            ["SLACK_WEBHOOK"] = slack.WebhookUrl.ToString(),
            ["SLACK_EXTRA_HOSTS"] = "127.0.0.1",
        };
        using var function = FunctionProcess.Start(environment);

        var arn = $"arn:aws:iam::{Account}:user/{user}";
        var token = TokenCodec.Mint(
            new ResponseToken(TokenPurpose.Contain, Account, arn, "6f1e2d3c-0000-4000-8000-000000000002", DateTimeOffset.UtcNow.AddMinutes(30), [], Person),
            Encoding.UTF8.GetBytes(LinkKey));
        var body = SlackRequests.Press(Person, SlackInteraction.WasntMe, token, new Uri(slack.WebhookUrl, "/actions/T000/1/RESPONSEURLSECRET"));
        var request = Encoding.UTF8.GetString(SlackRequests.FunctionUrl(body, SigningSecret, DateTimeOffset.UtcNow));

        var clock = Stopwatch.StartNew();
        var press = api.Enqueue(request, DateTimeOffset.UtcNow.AddSeconds(30));
        var answered = await api.NextPostedAsync(TimeSpan.FromSeconds(60));
        var answeredAfter = clock.Elapsed;
        var finished = await api.NextPostedAsync(TimeSpan.FromSeconds(60));

        Assert.Equal((PostKind.Response, press), (answered.Kind, answered.RequestId));
        using (var answer = JsonDocument.Parse(answered.Body))
        {
            Assert.Equal(200, answer.RootElement.GetProperty("statusCode").GetInt32());
            Assert.Equal(string.Empty, answer.RootElement.GetProperty("body").GetString());
        }

        Assert.Equal(["/2015-03-31/functions/signin-respond/invocations Event"], invoked);
        Assert.Equal(PostKind.Response, finished.Kind);
        Assert.NotNull(await iam.UserPolicyAsync(user, SigninToSlack.Containment.Containment.PolicyName));
        Assert.False((await iam.Client().ListAccessKeysAsync(user, CancellationToken.None)).Single(k => k.Id == key).Active);
        Assert.Contains(slack.Requests, r => r.Path.StartsWith("/actions/", StringComparison.Ordinal) && r.Body.Contains("contained at", StringComparison.Ordinal));
        Assert.Contains(slack.Requests, r => r.Path == SlackStandIn.HookPath && r.Body.Contains("Sign-in reported as not theirs: contained", StringComparison.Ordinal));
        Assert.DoesNotContain(SigningSecret, function.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(LinkKey, function.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETWEBHOOKTOKEN", function.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("RESPONSEURLSECRET", function.Output, StringComparison.Ordinal);
        Console.WriteLine($"respond: Slack answered {answeredAfter.TotalMilliseconds:F0} ms after the press (a first invocation: start-up included)");
    }
}
