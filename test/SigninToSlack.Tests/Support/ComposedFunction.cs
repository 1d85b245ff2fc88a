using SigninToSlack.App;
using SigninToSlack.Configuration;
using SigninToSlack.Delivery;
using SigninToSlack.EntryPoints;
using SigninToSlack.Logging;

namespace SigninToSlack.Tests.Support;

/// <summary>The deployed composition (settings → pipeline → handler) in process, with its log kept for the test to read.</summary>
internal sealed class ComposedFunction : IDisposable
{
    private readonly StringWriter _log = new();
    private readonly Composition _composition;

    public ComposedFunction(Dictionary<string, string?> environment, SlackRetryOptions? slack = null)
    {
        var settings = SettingsReader.Read(environment.GetValueOrDefault);
        _composition = Composition.Create(settings, environment.GetValueOrDefault, TimeProvider.System, Outbound.Lambda, slack: slack);
        Handler = new FunctionHandler(_composition.EntryPoint(settings.EntryPoint), new FunctionLogger(_log, LogFormat.Text, LogLevel.Info, TimeProvider.System));
    }

    public FunctionHandler Handler { get; }

    public string Log => _log.ToString();

    public Task<byte[]> InvokeAsync(string sample) => Handler.HandleAsync(Samples.File(sample), DateTimeOffset.MaxValue, CancellationToken.None);

    public void Dispose()
    {
        _composition.Dispose();
        _log.Dispose();
    }
}
