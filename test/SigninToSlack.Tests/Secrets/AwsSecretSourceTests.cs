using System.Text.Json.Nodes;
using SigninToSlack.Secrets;
using SigninToSlack.Events;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Secrets;

/// <summary>Direct calls, signed, to SSM and Secrets Manager in moto_server.</summary>
[Collection(MotoServer.Collection)]
public sealed class AwsSecretSourceTests(MotoServer moto)
{
    private static readonly string Unique = Guid.NewGuid().ToString("N")[..12];

    private ISecretSource Source(Dictionary<string, string?>? environment = null)
    {
        var env = environment ?? SecretsEnvironment.ForMoto(moto.Endpoint);
        var http = new HttpClient();
        return SecretSources.Direct(http, name => env.GetValueOrDefault(name), TimeProvider.System);
    }

    private Task<System.Text.Json.JsonElement> PutParameterAsync(string name, string value) =>
        moto.CallAsync("ssm", "AmazonSSM.PutParameter", MotoServer.Json11, new JsonObject { ["Name"] = name, ["Value"] = value, ["Type"] = "SecureString" }, CancellationToken.None);

    private Task<System.Text.Json.JsonElement> CreateSecretAsync(string name, string value) =>
        moto.CallAsync("secretsmanager", "secretsmanager.CreateSecret", MotoServer.Json11, new JsonObject { ["Name"] = name, ["SecretString"] = value }, CancellationToken.None);

    [Fact]
    public async Task Resolve_SecureStringParameter_GivesDecryptedValue()
    {
        await PutParameterAsync($"/signin-to-slack/{Unique}/webhook", "https://hooks.example/services/T/B/PARAMETERVALUE");

        var value = await SecretsEnvironment.ResolveAsync(Source(), $"ssm:/signin-to-slack/{Unique}/webhook");

        Assert.Equal("https://hooks.example/services/T/B/PARAMETERVALUE", value);
    }

    [Fact]
    public async Task Resolve_SsmEndpointVariable_WinsOverGeneralOne()
    {
        await PutParameterAsync($"/signin-to-slack/{Unique}/endpoint", "value");
        var environment = SecretsEnvironment.ForMoto(new Uri("http://127.0.0.1:9/"));
        environment["AWS_ENDPOINT_URL_SSM"] = moto.Endpoint.ToString();

        var value = await SecretsEnvironment.ResolveAsync(Source(environment), $"ssm:/signin-to-slack/{Unique}/endpoint");

        Assert.Equal("value", value);
    }

    [Fact]
    public async Task Resolve_PlainSecret_GivesSecretString()
    {
        await CreateSecretAsync($"signin-to-slack-{Unique}-plain", "https://hooks.example/services/T/B/PLAINSECRET");

        var value = await SecretsEnvironment.ResolveAsync(Source(), $"secretsmanager:signin-to-slack-{Unique}-plain");

        Assert.Equal("https://hooks.example/services/T/B/PLAINSECRET", value);
    }

    [Fact]
    public async Task Resolve_JsonSecretKey_GivesThatKey()
    {
        await CreateSecretAsync($"signin-to-slack-{Unique}-json", """{"webhook":"https://hooks.example/services/T/B/JSONSECRET","other":"x"}""");

        var value = await SecretsEnvironment.ResolveAsync(Source(), $"secretsmanager:signin-to-slack-{Unique}-json#webhook");

        Assert.Equal("https://hooks.example/services/T/B/JSONSECRET", value);
    }

    [Fact]
    public async Task Resolve_JsonSecretWithoutTheKey_FailsNamingReferenceAndKey()
    {
        await CreateSecretAsync($"signin-to-slack-{Unique}-nokey", """{"webhook":"https://hooks.example/services/T/B/NOKEYSECRET"}""");

        var error = await Assert.ThrowsAsync<SecretResolutionException>(
            () => SecretsEnvironment.ResolveAsync(Source(), $"secretsmanager:signin-to-slack-{Unique}-nokey#url"));

        Assert.Equal($"TEST_SECRET: secretsmanager:signin-to-slack-{Unique}-nokey#url could not be resolved: the secret has no key 'url'", error.Message);
        Assert.DoesNotContain("NOKEYSECRET", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ssm:/signin-to-slack/missing", "ParameterNotFound")]
    [InlineData("secretsmanager:signin-to-slack-missing", "ResourceNotFoundException")]
    public async Task Resolve_Missing_FailsNamingReferenceAndServiceError(string reference, string code)
    {
        var error = await Assert.ThrowsAsync<SecretResolutionException>(() => SecretsEnvironment.ResolveAsync(Source(), reference));

        Assert.Equal($"TEST_SECRET: {reference} could not be resolved: {code}", error.Message);
    }

    [Fact]
    public async Task Resolve_NoCredentials_FailsSayingSo()
    {
        var environment = SecretsEnvironment.ForMoto(moto.Endpoint);
        environment.Remove("AWS_SECRET_ACCESS_KEY");

        var error = await Assert.ThrowsAsync<SecretResolutionException>(() => SecretsEnvironment.ResolveAsync(Source(environment), "ssm:/x"));

        Assert.Contains("no AWS credentials", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cache_ServiceUnreachableAfterExpiry_ServesTheValueReadFromMotoWithAWarning()
    {
        // Arrange: a value read from moto, then the endpoint moved to a port where nothing listens.
        await PutParameterAsync($"/signin-to-slack/{Unique}/stale", "https://hooks.example/services/T/B/STALEVALUE");
        var environment = SecretsEnvironment.ForMoto(moto.Endpoint);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var warnings = new List<string>();
        var cache = new SecretCache(
            SecretSources.Direct(new HttpClient(), name => environment.GetValueOrDefault(name), time),
            TimeSpan.FromMinutes(5),
            time,
            warnings.Add);
        var reference = new SigninToSlack.Configuration.SecretReference(SigninToSlack.Configuration.SecretKind.Ssm, $"/signin-to-slack/{Unique}/stale");
        var closed = $"http://127.0.0.1:{LoopbackPort.Free()}/";

        // Act
        var fresh = await cache.GetAsync(reference, CancellationToken.None);
        environment["AWS_ENDPOINT_URL"] = closed;
        time.Advance(TimeSpan.FromMinutes(6));
        var stale = await cache.GetAsync(reference, CancellationToken.None);

        // Assert
        Assert.Equal(fresh, stale);
        var warning = Assert.Single(warnings);
        Assert.StartsWith($"ssm:/signin-to-slack/{Unique}/stale could not be read again (ssm endpoint unreachable (ConnectionError)): using the value read 6 min ago", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("STALEVALUE", warning, StringComparison.Ordinal);
    }
}
