using System.Reflection;
using System.Text.Json;
using SigninToSlack.App;
using SigninToSlack.Events;
using SigninToSlack.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace SigninToSlack.Tests.Deploy;

public sealed class DeployConfigTests
{
    private static JsonElement Defaults()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoFiles.Root, "aws-lambda-tools-defaults.json")));
        return doc.RootElement.Clone();
    }

    [Fact]
    public void FunctionHandler_NamesTheAssemblyTheProjectBuilds()
    {
        var built = typeof(FunctionApp).Assembly.GetName().Name;

        Assert.Equal(built, Defaults().GetProperty("function-handler").GetString());
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, built + ".dll")));
    }

    /// <summary>A function deployed with dotnet lambda and one deployed with the template get the same memory (and so the same CPU).</summary>
    [Fact]
    public void MemorySize_IsTheSameAsTheTemplateDefault()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepoFiles.Root, "template.yaml")))
        {
            stream.Load(reader);
        }

        var parameters = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("Parameters")];
        var memory = (YamlMappingNode)parameters.Children[new YamlScalarNode("MemorySize")];
        var templateDefault = ((YamlScalarNode)memory.Children[new YamlScalarNode("Default")]).Value;

        Assert.Equal(templateDefault, Defaults().GetProperty("function-memory-size").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ProjectLocation_PointsAtTheFunctionProject() =>
        Assert.True(File.Exists(Path.Combine(RepoFiles.Root, Defaults().GetProperty("project-location").GetString()!, "SigninToSlack.csproj")));

    /// <summary>What makes the default package start fast (README, "Cold start"), on every path that builds it.</summary>
    private static readonly string[] DefaultPackage =
        ["--self-contained true", "-p:PublishSingleFile=true", "-p:PublishTrimmed=true", "-p:PublishReadyToRun=true", "-p:PublishReadyToRunComposite=true"];

    [Fact]
    public void Runtime_IsDotnet10ManagedWithTheDefaultPackage()
    {
        var defaults = Defaults();
        // The tool adds "--self-contained false" unless the parameters name --self-contained; it takes /p: and -p: alike.
        var parameters = defaults.GetProperty("msbuild-parameters").GetString()!.Replace("/p:", "-p:", StringComparison.Ordinal);

        Assert.Equal("dotnet10", defaults.GetProperty("function-runtime").GetString());
        Assert.All(DefaultPackage, flag => Assert.Contains(flag, parameters, StringComparison.Ordinal));
        Assert.Contains(defaults.GetProperty("function-architecture").GetString(), new[] { "x86_64", "arm64" });
    }

    /// <summary>The README's by-hand steps and the template's build make the same package as dotnet lambda deploy-function.</summary>
    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/deploy-template.md")]
    public void ManagedPublishCommand_BuildsTheDefaultPackage(string document)
    {
        var text = File.ReadAllText(RepoFiles.Resolve(document.Split('/'))).Replace("\\\n", " ", StringComparison.Ordinal);
        var publish = text.Split('\n').Select(line => line.Trim())
            .First(line => line.StartsWith("dotnet publish", StringComparison.Ordinal) && line.Contains("PublishReadyToRun=true", StringComparison.Ordinal));

        Assert.All(DefaultPackage, flag => Assert.Contains(flag, publish, StringComparison.Ordinal));
        Assert.DoesNotContain("PublishAot", publish, StringComparison.Ordinal);
    }

    /// <summary>The tool ignores a JSON object here without a word; it must be "K=V;K2=V2".</summary>
    [Fact]
    public void EnvironmentVariables_IsAKeyValueString()
    {
        var variables = Defaults().GetProperty("environment-variables");

        Assert.Equal(JsonValueKind.String, variables.ValueKind);
        Assert.All(variables.GetString()!.Split(';'), pair => Assert.Matches("^[A-Z_][A-Z0-9_]*=.+$", pair));
        Assert.DoesNotContain("SLACK_WEBHOOK", variables.GetString(), StringComparison.Ordinal);
    }

    /// <summary>Reflection-based JSON would break trimming and Native AOT: only the source-generated context may serialize.</summary>
    [Fact]
    public void RuntimeConfig_DisablesReflectionBasedJson()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "SigninToSlack.runtimeconfig.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));

        var options = doc.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(options.GetProperty("System.Text.Json.JsonSerializer.IsReflectionEnabledByDefault").GetBoolean());
    }

    [Fact]
    public void Assembly_IsMarkedAotCompatible()
    {
        var metadata = typeof(FunctionApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>();

        Assert.Contains(metadata, m => m.Key == "IsAotCompatible" && m.Value == "True");
    }
}
