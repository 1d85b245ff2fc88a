using SigninToSlack.Aws;

namespace SigninToSlack.Respond;

/// <summary>Defers to an Event invocation of this very function (AWS_LAMBDA_FUNCTION_NAME), through Lambda's Invoke API.</summary>
internal sealed class LambdaDeferral(LambdaInvoker invoker, string functionName) : IDeferral
{
    public Task<string?> DeferAsync(byte[] payload, CancellationToken cancellationToken) => invoker.InvokeEventAsync(functionName, payload, cancellationToken);
}
