namespace SigninToSlack.Tests.Support;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string Events => Path.Combine(Root, "events");

    public static string Resolve(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Every sign-in sample: EventBridge events, SNS notifications and SQS batches at the top of events/.</summary>
    public static TheoryData<string> SigninSamples() =>
        [.. Directory.GetFiles(Events, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    /// <summary>Samples of events that are not sign-ins.</summary>
    public static TheoryData<string> OtherSamples() =>
        [.. Directory.GetFiles(Path.Combine(Events, "not-signin"), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SigninToSlack.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SigninToSlack.sln not found above " + AppContext.BaseDirectory);
    }
}
