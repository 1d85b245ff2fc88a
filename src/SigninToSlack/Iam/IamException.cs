namespace SigninToSlack.Iam;

/// <summary>An IAM call failed: the action and IAM's error code, in one line that quotes no credential.</summary>
internal sealed class IamException(string action, string code, bool isTransient, Exception? innerException = null)
    : FunctionException($"IAM {action} failed: {code}{Explain(code)}", innerException)
{
    public string Action { get; } = action;

    /// <summary>IAM's error code (NoSuchEntity, AccessDenied, ...), or "HTTP &lt;status&gt;", "unreachable", "timeout".</summary>
    public string Code { get; } = code;

    /// <summary>Worth another try a moment later (throttling, a 5xx, no answer).</summary>
    public bool IsTransient { get; } = isTransient;

    private static string Explain(string code) => code switch
    {
        "NoSuchEntity" => " (no such user, role, policy or key)",
        "AccessDenied" or "AccessDeniedException" => " (the function's role may not do this here: the principal may be protected)",
        "UnmodifiableEntity" => " (a role AWS manages cannot be changed)",
        "LimitExceeded" => " (the principal's inline policies are at their size limit)",
        "InvalidClientTokenId" or "SignatureDoesNotMatch" or "ExpiredToken" => " (the function's own credentials were refused)",
        _ => string.Empty,
    };
}
