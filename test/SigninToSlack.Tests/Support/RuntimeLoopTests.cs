namespace SigninToSlack.Tests.Support;

/// <summary>
/// Tests that run the Runtime API loop in this process: the loop sets _X_AMZN_TRACE_ID, a variable of the whole
/// process, for each invocation, so two such tests at once would read each other's trace id.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RuntimeLoopTests
{
    public const string Name = "Runtime API loop in this process";
}
