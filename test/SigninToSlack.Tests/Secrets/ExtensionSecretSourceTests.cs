using SigninToSlack.Secrets;
using SigninToSlack.Configuration;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Secrets;

/// <summary>The Parameters and Secrets extension path, against a local stand-in of its HTTP interface.</summary>
public sealed class ExtensionSecretSourceTests
{
    private const string SessionToken = "IQoJb3JpZ2luX2VjELR-session-token";

    private static readonly Dictionary<string, string> Parameters = new() { ["/signin-to-slack/webhook"] = "https://hooks.example/services/T/B/EXTPARAM" };
    private static readonly Dictionary<string, string> Secrets = new() { ["prod/slack"] = """{"webhook":"https://hooks.example/services/T/B/EXTSECRET"}""" };

    private static ExtensionFirstSecretSource Source(Uri extension, string? token, ISecretSource? direct = null) =>
        new ExtensionFirstSecretSource(new ExtensionSecretSource(new HttpClient(), extension, () => token, TimeProvider.System), direct ?? new CountingSecretSource());

    [Fact]
    public async Task Resolve_SsmThroughExtension_SendsSessionTokenAndDecryptsByName()
    {
        await using var extension = await ExtensionStandIn.StartAsync(SessionToken, Parameters);

        var value = await SecretsEnvironment.ResolveAsync(Source(extension.BaseAddress, SessionToken), "ssm:/signin-to-slack/webhook");

        Assert.Equal("https://hooks.example/services/T/B/EXTPARAM", value);
        var request = Assert.Single(extension.Requests);
        Assert.Equal("/systemsmanager/parameters/get", request.Path);
        Assert.Equal("/signin-to-slack/webhook", request.Query["name"]);
        Assert.Equal("true", request.Query["withDecryption"]);
        Assert.Equal(SessionToken, request.Token);
    }

    [Fact]
    public async Task Resolve_SecretKeyThroughExtension_GivesThatKey()
    {
        await using var extension = await ExtensionStandIn.StartAsync(SessionToken, secrets: Secrets);

        var value = await SecretsEnvironment.ResolveAsync(Source(extension.BaseAddress, SessionToken), "secretsmanager:prod/slack#webhook");

        Assert.Equal("https://hooks.example/services/T/B/EXTSECRET", value);
        Assert.Equal("prod/slack", Assert.Single(extension.Requests).Query["secretId"]);
    }

    [Theory]
    [InlineData("another-token")]
    [InlineData(null)]
    public async Task Resolve_WrongOrMissingToken_IsRefusedAndFailsWithStatus(string? token)
    {
        await using var extension = await ExtensionStandIn.StartAsync(SessionToken, Parameters);

        var error = await Assert.ThrowsAsync<SecretResolutionException>(
            () => SecretsEnvironment.ResolveAsync(Source(extension.BaseAddress, token), "ssm:/signin-to-slack/webhook"));

        Assert.Equal("TEST_SECRET: ssm:/signin-to-slack/webhook could not be resolved: the Parameters and Secrets extension answered HTTP 401", error.Message);
    }

    [Fact]
    public async Task Resolve_UnknownParameterThroughExtension_FailsWithServiceError()
    {
        await using var extension = await ExtensionStandIn.StartAsync(SessionToken, Parameters);

        var error = await Assert.ThrowsAsync<SecretResolutionException>(
            () => SecretsEnvironment.ResolveAsync(Source(extension.BaseAddress, SessionToken), "ssm:/signin-to-slack/other"));

        Assert.EndsWith("could not be resolved: the Parameters and Secrets extension answered ParameterNotFound", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_NoExtensionListening_FallsBackToDirectAndStopsTrying()
    {
        var closed = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}/");
        var attempts = new CountingHandler();
        var direct = new CountingSecretSource { Values = { ["/signin-to-slack/webhook"] = "direct value" } };
        var source = new ExtensionFirstSecretSource(new ExtensionSecretSource(new HttpClient(attempts), closed, () => SessionToken, TimeProvider.System), direct);

        var first = await source.FetchAsync(SecretKind.Ssm, "/signin-to-slack/webhook", CancellationToken.None);
        var second = await source.FetchAsync(SecretKind.Ssm, "/signin-to-slack/webhook", CancellationToken.None);

        Assert.Equal(("direct value", "direct value"), (first, second));
        Assert.Equal(1, attempts.Count);
        Assert.Equal(2, direct.Fetches);
    }

    [Fact]
    public async Task Fetch_ExtensionPresent_NeverCallsDirect()
    {
        await using var extension = await ExtensionStandIn.StartAsync(SessionToken, Parameters);
        var direct = new CountingSecretSource();
        var source = Source(extension.BaseAddress, SessionToken, direct);

        await source.FetchAsync(SecretKind.Ssm, "/signin-to-slack/webhook", CancellationToken.None);

        Assert.Equal(0, direct.Fetches);
    }


    /// <summary>Counts the requests the extension client sends.</summary>
    private sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _count;

        public int Count => _count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
