using System.Reflection;
using NetArchTest.Rules;

namespace SigninToSlack.Tests.Architecture;

/// <summary>
/// The folders of src/SigninToSlack (one namespace each) depend one way: each may use only the folders listed under it
/// here, and what those may use. A new folder must be placed in this map, and the real dependencies, read from the
/// compiled assembly, must form no cycle.
/// </summary>
public sealed class LayeringTests
{
    private const string Root = "SigninToSlack";

    /// <summary>Each folder and the folders it may use directly; what those may use is allowed too.</summary>
    internal static readonly Dictionary<string, string[]> Below = new(StringComparer.Ordinal)
    {
        ["Serialization"] = [],
        ["Text"] = [],
        ["Events"] = [],
        ["Identity"] = [],
        ["Configuration"] = ["Identity"],
        ["Tokens"] = ["Identity"],
        ["Logging"] = ["Configuration"],
        ["Alerts"] = ["Events", "Identity", "Text"],
        ["Policy"] = ["Alerts", "Configuration"],
        ["Formatting"] = ["Alerts", "Configuration", "Identity", "Text"],
        ["Aws"] = ["Serialization"],
        ["Secrets"] = ["Aws", "Configuration", "Serialization"],
        ["State"] = ["Aws", "Configuration", "Serialization"],
        ["Iam"] = ["Aws"],
        ["Containment"] = ["Iam", "Identity"],
        ["Respond"] = ["Containment", "Delivery", "Secrets", "State", "Tokens"],
        ["Delivery"] = ["Alerts", "Configuration", "Secrets", "Serialization", "State"],
        ["Processing"] = ["Delivery", "Formatting", "Identity", "Policy", "Tokens"],
        ["EntryPoints"] = ["Processing", "Logging"],
        ["Hosting"] = ["Logging", "Serialization"],
        ["App"] = ["EntryPoints", "Hosting", "Respond"],
    };

    private static readonly Assembly Product = typeof(FunctionException).Assembly;

    public static TheoryData<string> Folders() => [.. Below.Keys];

    [Fact]
    public void Map_NamesEveryFolderOfTheProduct()
    {
        var folders = Product.GetTypes()
            .Select(t => t.Namespace)
            .Where(n => n is not null && n.StartsWith(Root + ".", StringComparison.Ordinal))
            .Select(n => n![(Root.Length + 1)..].Split('.')[0])
            .Distinct()
            .Order(StringComparer.Ordinal);

        Assert.Equal(Below.Keys.Order(StringComparer.Ordinal), folders);
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Folder_UsesOnlyTheFoldersBelowIt(string folder)
    {
        var allowed = Allowed(folder);
        var forbidden = Below.Keys.Where(f => f != folder && !allowed.Contains(f)).Select(f => $"{Root}.{f}").ToArray();

        var result = Types.InAssembly(Product).That().ResideInNamespace($"{Root}.{folder}")
            .ShouldNot().HaveDependencyOnAny(forbidden)
            .GetResult();

        Assert.True(result.IsSuccessful, $"{folder} uses a folder it may not: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void SharedTerms_AtTheRoot_UseNoFolder()
    {
        var rootTypes = Types.InAssembly(Product).That().ResideInNamespace(Root);
        foreach (var folder in Below.Keys)
        {
            rootTypes = rootTypes.And().DoNotResideInNamespace($"{Root}.{folder}");
        }

        var result = rootTypes.ShouldNot().HaveDependencyOnAny([.. Below.Keys.Select(f => $"{Root}.{f}")]).GetResult();

        Assert.True(result.IsSuccessful, $"root types use a folder: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Dependencies_AsCompiled_FormNoCycle()
    {
        var graph = Below.Keys.ToDictionary(
            f => f,
            f => Below.Keys.Where(other => other != f && Uses(f, other)).ToArray(),
            StringComparer.Ordinal);

        Assert.Null(Cycle(graph));
    }

    [Fact]
    public void Map_HasNoCycle() => Assert.Null(Cycle(Below));

    [Fact]
    public void Cycle_OfThreeFolders_IsFound()
    {
        var graph = new Dictionary<string, string[]>(StringComparer.Ordinal) { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] };

        Assert.Equal("A -> B -> C -> A", Cycle(graph));
    }

    [Fact]
    public void Hosting_KnowsNothingOfSignins()
    {
        var result = Types.InAssembly(Product).That().ResideInNamespace($"{Root}.Hosting")
            .ShouldNot().HaveDependencyOnAny([$"{Root}.Events", $"{Root}.Alerts", $"{Root}.Delivery", $"{Root}.Formatting", $"{Root}.Policy"])
            .GetResult();

        Assert.True(result.IsSuccessful);
    }

    private static bool Uses(string folder, string other) =>
        !Types.InAssembly(Product).That().ResideInNamespace($"{Root}.{folder}")
            .ShouldNot().HaveDependencyOn($"{Root}.{other}")
            .GetResult().IsSuccessful;

    /// <summary>The folders <paramref name="folder"/> may use: those below it, and theirs.</summary>
    private static HashSet<string> Allowed(string folder)
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        var next = new Stack<string>(Below[folder]);
        while (next.TryPop(out var f))
        {
            if (allowed.Add(f))
            {
                foreach (var g in Below[f])
                {
                    next.Push(g);
                }
            }
        }

        return allowed;
    }

    /// <summary>A cycle in the graph as "A -> B -> A", or null.</summary>
    private static string? Cycle(IReadOnlyDictionary<string, string[]> graph)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();

        string? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node, []))
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return string.Join(" -> ", path.Skip(path.IndexOf(next)).Append(next));
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }
}
