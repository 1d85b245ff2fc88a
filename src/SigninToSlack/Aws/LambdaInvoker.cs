using System.Net.Http.Headers;

namespace SigninToSlack.Aws;

/// <summary>
/// Lambda's Invoke API with the Event invocation type: the payload is queued for an asynchronous invocation and the
/// call returns at once (202). Signed with <see cref="SigV4Signer"/>; the endpoint is Lambda's in the function's region,
/// or AWS_ENDPOINT_URL_LAMBDA / AWS_ENDPOINT_URL when set.
/// </summary>
internal sealed class LambdaInvoker(AwsJsonClient client, AwsEnvironment aws)
{
    /// <summary>How long queueing an invocation may take.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(2);

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>Queues <paramref name="payload"/> for <paramref name="functionName"/>; null when queued, else why not (one line).</summary>
    public async Task<string?> InvokeEventAsync(string functionName, byte[] payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(functionName);
        ArgumentNullException.ThrowIfNull(payload);
        if (aws.Region() is not { } region)
        {
            return "AWS_REGION is not set";
        }

        if (aws.Credentials() is not { } credentials)
        {
            return "no AWS credentials in the environment";
        }

        if (aws.Endpoint("LAMBDA", "lambda", region) is not { } endpoint)
        {
            return $"{AwsEnvironment.EndpointVariable}_LAMBDA or {AwsEnvironment.EndpointVariable} is not an absolute http(s) URL";
        }

        var url = new Uri(endpoint, $"2015-03-31/functions/{Uri.EscapeDataString(functionName)}/invocations");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        try
        {
            var response = await client.PostAsync(
                url, region, "lambda", Json, null, payload, credentials, timeout.Token, [new("x-amz-invocation-type", "Event")]);
            return response.Status == 202 ? null : $"Lambda Invoke answered {response.Status} ({AwsJsonClient.ErrorCode(response)})";
        }
        catch (HttpRequestException ex)
        {
            return $"Lambda could not be reached: {ex.HttpRequestError}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"Lambda Invoke took longer than {CallTimeout.TotalSeconds} s";
        }
    }
}
