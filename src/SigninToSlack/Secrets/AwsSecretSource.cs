using System.Text.Json;
using SigninToSlack.Aws;
using SigninToSlack.Configuration;
using SigninToSlack.Serialization;

namespace SigninToSlack.Secrets;

/// <summary>Fetches from SSM (GetParameter, decrypted) or Secrets Manager (GetSecretValue) directly, with the function's own credentials.</summary>
internal sealed class AwsSecretSource(AwsJsonClient client, AwsEnvironment aws, TimeProvider timeProvider) : ISecretSource
{
    /// <summary>How long one call may take.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    public async Task<string> FetchAsync(SecretKind kind, string id, CancellationToken cancellationToken)
    {
        var credentials = aws.Credentials()
            ?? throw new SecretResolutionException($"no AWS credentials ({AwsEnvironment.AccessKeyIdVariable} and {AwsEnvironment.SecretAccessKeyVariable} are not set)");
        // An ARN names its own region; a plain name lives in the function's. Either becomes part of the endpoint's
        // host, which receives the signed request and the session token: checked here as well as at start-up.
        if (SecretArn.Check(kind, id, out var arnRegion) is { } problem)
        {
            throw new SecretResolutionException($"the reference {problem}");
        }

        var region = arnRegion ?? aws.Region()
            ?? throw new SecretResolutionException($"{AwsEnvironment.RegionVariable} is not set");
        if (!SecretArn.IsRegion(region))
        {
            throw new SecretResolutionException($"{AwsEnvironment.RegionVariable} is not a region name (e.g. eu-west-1)");
        }

        var (serviceId, prefix, target, body) = kind == SecretKind.Ssm
            ? ("SSM", "ssm", "AmazonSSM.GetParameter", JsonSerializer.SerializeToUtf8Bytes(new GetParameterRequest(id, WithDecryption: true), AppJsonSerializerContext.Default.GetParameterRequest))
            : ("SECRETS_MANAGER", "secretsmanager", "secretsmanager.GetSecretValue", JsonSerializer.SerializeToUtf8Bytes(new GetSecretValueRequest(id), AppJsonSerializerContext.Default.GetSecretValueRequest));
        var endpoint = aws.Endpoint(serviceId, prefix, region)
            ?? throw new SecretResolutionException($"{AwsEnvironment.EndpointVariable}_{serviceId} or {AwsEnvironment.EndpointVariable} is not an absolute http(s) URL");

        using var timeout = new CancellationTokenSource(CallTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        AwsResponse response;
        try
        {
            response = await client.CallAsync(endpoint, region, prefix, target, body, credentials, linked.Token);
        }
        catch (HttpRequestException ex)
        {
            throw new SecretResolutionException($"{prefix} endpoint unreachable ({ex.HttpRequestError})", ex);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new SecretResolutionException($"{prefix} did not answer within {CallTimeout.TotalSeconds:0} s", ex);
        }

        if (!response.IsSuccess)
        {
            var code = AwsJsonClient.ErrorCode(response);
            throw new SecretResolutionException(code) { IsTransient = AwsResponse.IsTransient(response.Status, code) };
        }

        return SecretAnswer.Value(kind, response.Body);
    }
}
