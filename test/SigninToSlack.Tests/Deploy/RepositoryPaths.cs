namespace SigninToSlack.Tests.Deploy;

/// <summary>Files at the repository root, found from the test assembly's folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(folder.FullName, "SigninToSlack.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No SigninToSlack.sln above {AppContext.BaseDirectory}");
    }
}
