namespace SigninToSlack.Alerts;

/// <summary>The wording of one kind of change to what this product relies on (its trail, rules, function, secrets, roles).</summary>
/// <param name="Done">What happened, title case, of fixed words (safe for a plain-text header): "CloudTrail logging stopped".</param>
/// <param name="Attempt">What a refused call tried to do: "stop CloudTrail logging".</param>
/// <param name="Noun">What the resource is: "trail", "rule", "function".</param>
/// <param name="ResourceFields">The request parameters that name the resource, in order of preference.</param>
/// <param name="DefaultResource">The resource when the request names none (EventBridge's default bus).</param>
internal sealed record TamperAction(string Done, string Attempt, string Noun, string[] ResourceFields, string? DefaultResource = null);

/// <summary>Which API calls the watcher alerts on, by event source and event name, and how each is worded.</summary>
internal static class TamperActions
{
    private const string CloudTrail = "cloudtrail.amazonaws.com";
    private const string Events = "events.amazonaws.com";
    private const string Lambda = "lambda.amazonaws.com";
    private const string Ssm = "ssm.amazonaws.com";
    private const string SecretsManager = "secretsmanager.amazonaws.com";
    private const string Iam = "iam.amazonaws.com";

    private static readonly string[] TrailName = ["name"];
    private static readonly string[] SelectorTrail = ["trailName"];
    private static readonly string[] RuleName = ["name"];
    private static readonly string[] TargetRule = ["rule"];
    private static readonly string[] BusName = ["eventBusName"];
    private static readonly string[] FunctionName = ["functionName"];
    private static readonly string[] ParameterName = ["name"];
    private static readonly string[] ParameterNames = ["names"];
    private static readonly string[] SecretId = ["secretId"];
    private static readonly string[] RoleName = ["roleName"];

    /// <summary>
    /// Lambda's CloudTrail names carry an API version (UpdateFunctionConfiguration20150331v2), so they are matched by
    /// prefix followed by the version's digits (DeleteFunction does not match DeleteFunctionUrlConfig).
    /// </summary>
    private static readonly (string Source, string Name, bool Prefix, TamperAction Action)[] Table =
    [
        (CloudTrail, "StopLogging", false, new("CloudTrail logging stopped", "stop CloudTrail logging", "trail", TrailName)),
        (CloudTrail, "DeleteTrail", false, new("CloudTrail trail deleted", "delete a CloudTrail trail", "trail", TrailName)),
        (CloudTrail, "UpdateTrail", false, new("CloudTrail trail changed", "change a CloudTrail trail", "trail", TrailName)),
        (CloudTrail, "PutEventSelectors", false, new("CloudTrail event selectors changed", "change CloudTrail event selectors", "trail", SelectorTrail)),
        (CloudTrail, "PutInsightSelectors", false, new("CloudTrail Insights selectors changed", "change CloudTrail Insights selectors", "trail", SelectorTrail)),
        (Events, "DisableRule", false, new("EventBridge rule disabled", "disable an EventBridge rule", "rule", RuleName)),
        (Events, "DeleteRule", false, new("EventBridge rule deleted", "delete an EventBridge rule", "rule", RuleName)),
        (Events, "PutRule", false, new("EventBridge rule changed", "change an EventBridge rule", "rule", RuleName)),
        (Events, "RemoveTargets", false, new("EventBridge rule targets removed", "remove an EventBridge rule's targets", "rule", TargetRule)),
        (Events, "PutTargets", false, new("EventBridge rule targets changed", "change an EventBridge rule's targets", "rule", TargetRule)),
        (Events, "RemovePermission", false, new("Event bus permission removed", "remove an event bus permission", "event bus", BusName, "default")),
        (Events, "PutPermission", false, new("Event bus permission changed", "change an event bus permission", "event bus", BusName, "default")),
        (Lambda, "UpdateFunctionConfiguration", true, new("Lambda function configuration changed", "change a Lambda function's configuration", "function", FunctionName)),
        (Lambda, "UpdateFunctionCode", true, new("Lambda function code changed", "change a Lambda function's code", "function", FunctionName)),
        (Lambda, "PutFunctionConcurrency", true, new("Lambda function concurrency set", "set a Lambda function's concurrency", "function", FunctionName)),
        (Lambda, "DeleteFunctionConcurrency", true, new("Lambda function concurrency removed", "remove a Lambda function's concurrency", "function", FunctionName)),
        (Lambda, "PutFunctionEventInvokeConfig", true, new("Lambda function event-invoke configuration changed", "change a Lambda function's event-invoke configuration", "function", FunctionName)),
        (Lambda, "UpdateFunctionEventInvokeConfig", true, new("Lambda function event-invoke configuration changed", "change a Lambda function's event-invoke configuration", "function", FunctionName)),
        (Lambda, "DeleteFunctionEventInvokeConfig", true, new("Lambda function event-invoke configuration deleted", "delete a Lambda function's event-invoke configuration", "function", FunctionName)),
        (Lambda, "RemovePermission", true, new("Lambda function permission removed", "remove a Lambda function's permission", "function", FunctionName)),
        (Lambda, "DeleteFunction", true, new("Lambda function deleted", "delete a Lambda function", "function", FunctionName)),
        (Ssm, "PutParameter", false, new("SSM parameter changed", "change an SSM parameter", "parameter", ParameterName)),
        (Ssm, "DeleteParameters", false, new("SSM parameters deleted", "delete SSM parameters", "parameters", ParameterNames)),
        (Ssm, "DeleteParameter", false, new("SSM parameter deleted", "delete an SSM parameter", "parameter", ParameterName)),
        (Ssm, "LabelParameterVersion", false, new("SSM parameter version labelled", "label an SSM parameter version", "parameter", ParameterName)),
        (SecretsManager, "PutSecretValue", false, new("Secret value changed", "change a secret's value", "secret", SecretId)),
        (SecretsManager, "UpdateSecret", false, new("Secret changed", "change a secret", "secret", SecretId)),
        (SecretsManager, "DeleteSecret", false, new("Secret deleted", "delete a secret", "secret", SecretId)),
        (SecretsManager, "RotateSecret", false, new("Secret rotated", "rotate a secret", "secret", SecretId)),
        (SecretsManager, "PutResourcePolicy", false, new("Secret resource policy changed", "change a secret's resource policy", "secret", SecretId)),
        (Iam, "PutRolePolicy", false, new("IAM role inline policy changed", "change an IAM role's inline policy", "role", RoleName)),
        (Iam, "DeleteRolePolicy", false, new("IAM role inline policy deleted", "delete an IAM role's inline policy", "role", RoleName)),
        (Iam, "AttachRolePolicy", false, new("IAM role policy attached", "attach a policy to an IAM role", "role", RoleName)),
        (Iam, "DetachRolePolicy", false, new("IAM role policy detached", "detach a policy from an IAM role", "role", RoleName)),
        (Iam, "UpdateAssumeRolePolicy", false, new("IAM role trust policy changed", "change an IAM role's trust policy", "role", RoleName)),
    ];

    /// <summary>A reserved concurrency of 0 stops the function: worded as what it is.</summary>
    public static readonly TamperAction FunctionStopped = new(
        "Lambda function stopped (reserved concurrency 0)", "stop a Lambda function (reserved concurrency 0)", "function", FunctionName);

    /// <summary>The action for a call, or null for a call the watcher does not alert on.</summary>
    public static TamperAction? Find(string? eventSource, string? eventName)
    {
        if (eventSource is null || eventName is null)
        {
            return null;
        }

        foreach (var (source, name, prefix, action) in Table)
        {
            if (string.Equals(source, eventSource, StringComparison.Ordinal)
                && (prefix ? IsVersioned(eventName, name) : string.Equals(name, eventName, StringComparison.Ordinal)))
            {
                return action;
            }
        }

        return null;
    }

    private static bool IsVersioned(string eventName, string name) =>
        eventName.StartsWith(name, StringComparison.Ordinal) && (eventName.Length == name.Length || char.IsAsciiDigit(eventName[name.Length]));

    /// <summary>
    /// Request parameters never shown, whatever the call: values and documents that may hold a secret (a parameter's
    /// value, a secret string, environment variables) or are too long to be of use in a message (policy documents).
    /// </summary>
    public static bool IsWithheld(string name) =>
        name.Contains("value", StringComparison.OrdinalIgnoreCase)
        || name.Contains("secretString", StringComparison.OrdinalIgnoreCase)
        || name.Contains("secretBinary", StringComparison.OrdinalIgnoreCase)
        || name.Contains("password", StringComparison.OrdinalIgnoreCase)
        || name.Contains("token", StringComparison.OrdinalIgnoreCase)
        || name.Contains("environment", StringComparison.OrdinalIgnoreCase)
        || name.Contains("policyDocument", StringComparison.OrdinalIgnoreCase)
        || name.Contains("policy", StringComparison.OrdinalIgnoreCase) && !name.Contains("policyArn", StringComparison.OrdinalIgnoreCase) && !name.Contains("policyName", StringComparison.OrdinalIgnoreCase);
}
