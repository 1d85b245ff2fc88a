namespace SigninToSlack.Benchmarks;

/// <summary>The repository the benchmarks run from (BenchmarkDotNet builds them in a folder below it).</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Events => Path.Combine(Root, "events");

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
