using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using SigninToSlack.Configuration;
using SigninToSlack.Secrets;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Secrets;

/// <summary>Throttling and 5xx retried with a short backoff, through the extension stand-in and a local AWS endpoint.</summary>
public sealed class RetryingSecretSourceTests
{
    private const string SessionToken = "IQoJb3JpZ2luX2VjELR-session-token";
    private const string Throttled = """{"__type":"ThrottlingException","message":"Rate exceeded"}""";

    private static readonly Dictionary<string, string> Parameters = new() { ["/signin-to-slack/webhook"] = "https://hooks.example/services/T/B/EXTPARAM" };

    private static ISecretSource Source(ExtensionStandIn extension, TimeSpan? delay = null) =>
        SecretSources.ForLambda(
            new HttpClient(),
            name => name == "AWS_SESSION_TOKEN" ? SessionToken : null,
            extension.Port,
            TimeProvider.System,
            delay ?? TimeSpan.FromMilliseconds(1));

    [Fact]
    public async Task FetchAsync_ExtensionThrottlesThenFails5xx_RetriesAndGivesTheValue()
    {
        await using var extension = await ExtensionStandIn.StartAsync(SessionToken, Parameters);
        extension.Failures.Enqueue((400, Throttled));
        extension.Failures.Enqueue((503, "{}"));

        var value = await Source(extension).FetchAsync(SecretKind.Ssm, "/signin-to-slack/webhook", CancellationToken.None);

        Assert.Equal("https://hooks.example/services/T/B/EXTPARAM", value);
        Assert.Equal(3, extension.Requests.Count);
    }

    [Fact]
    public async Task FetchAsync_ExtensionKeepsAnswering429_FailsAfterThreeAttempts()
    {
        await using var extension = await ExtensionStandIn.StartAsync(SessionToken, Parameters);
        for (var i = 0; i < 5; i++)
        {
            extension.Failures.Enqueue((429, string.Empty));
        }

        var error = await Assert.ThrowsAsync<SecretResolutionException>(
            () => Source(extension).FetchAsync(SecretKind.Ssm, "/signin-to-slack/webhook", CancellationToken.None));

        Assert.Equal("the Parameters and Secrets extension answered HTTP 429", error.Message);
        Assert.Equal(1 + RetryingSecretSource.MaxRetries, extension.Requests.Count);
    }

    [Fact]
    public async Task FetchAsync_NotFound_IsNotRetried()
    {
        await using var extension = await ExtensionStandIn.StartAsync(SessionToken, Parameters);

        var error = await Assert.ThrowsAsync<SecretResolutionException>(
            () => Source(extension).FetchAsync(SecretKind.Ssm, "/signin-to-slack/missing", CancellationToken.None));

        Assert.Equal("the Parameters and Secrets extension answered ParameterNotFound", error.Message);
        Assert.Single(extension.Requests);
    }

    [Fact]
    public async Task FetchAsync_CallerCancelsDuringBackoff_StopsAtOnce()
    {
        await using var extension = await ExtensionStandIn.StartAsync(SessionToken, Parameters);
        extension.Failures.Enqueue((400, Throttled));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Source(extension, delay: TimeSpan.FromSeconds(30)).FetchAsync(SecretKind.Ssm, "/signin-to-slack/webhook", deadline.Token));

        // Within the deadline, not after the 30 s backoff, and without a second attempt.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.True(extension.Requests.Count <= 1, $"{extension.Requests.Count} requests");
    }

    [Theory]
    [InlineData(400, Throttled)]
    [InlineData(400, """{"__type":"com.amazonaws.secretsmanager#TooManyRequestsException"}""")]
    [InlineData(500, """{"__type":"InternalServerError"}""")]
    public async Task FetchAsync_ServiceThrottlesOnce_DirectCallIsRetried(int status, string body)
    {
        var calls = 0;
        await using var service = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/x-amz-json-1.1";
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = status;
                await context.Response.WriteAsync(body);
                return;
            }

            await context.Response.WriteAsync("""{"Parameter":{"Name":"/p","Type":"SecureString","Value":"https://hooks.example/DIRECT"}}""");
        });
        var environment = SecretsEnvironment.ForMoto(service.BaseAddress);
        var source = SecretSources.Direct(new HttpClient(), name => environment.GetValueOrDefault(name), TimeProvider.System, TimeSpan.FromMilliseconds(1));

        var value = await source.FetchAsync(SecretKind.Ssm, "/p", CancellationToken.None);

        Assert.Equal("https://hooks.example/DIRECT", value);
        Assert.Equal(2, calls);
    }
}
