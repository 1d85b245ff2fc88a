using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SigninToSlack.Events;

namespace SigninToSlack.Tests.Support;

/// <summary>
/// A local AWS Parameters and Secrets Lambda Extension: its two GET routes, answered from a fixed set of
/// parameters and secrets, 401 unless X-Aws-Parameters-Secrets-Token is the expected session token (as the
/// extension does), 400 with the service's error type for an unknown name. Records each request.
/// </summary>
internal sealed class ExtensionStandIn : IAsyncDisposable
{
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly string _token;
    private readonly IReadOnlyDictionary<string, string> _parameters;
    private readonly IReadOnlyDictionary<string, string> _secrets;
    private LoopbackServer? _server;

    private ExtensionStandIn(string token, IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, string> secrets)
    {
        _token = token;
        _parameters = parameters;
        _secrets = secrets;
    }

    public Uri BaseAddress => _server!.BaseAddress;

    public int Port => _server!.BaseAddress.Port;

    public IReadOnlyList<Received> Requests => [.. _received];

    /// <summary>Answers given, one each, before any real one: a status and a body, as a throttled or failing service gives them.</summary>
    public ConcurrentQueue<(int Status, string Body)> Failures { get; } = new();

    public static async Task<ExtensionStandIn> StartAsync(
        string token, IReadOnlyDictionary<string, string>? parameters = null, IReadOnlyDictionary<string, string>? secrets = null)
    {
        var standIn = new ExtensionStandIn(token, parameters ?? new Dictionary<string, string>(), secrets ?? new Dictionary<string, string>());
        standIn._server = await LoopbackServer.StartAsync(standIn.HandleAsync);
        return standIn;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var token = request.Headers["X-Aws-Parameters-Secrets-Token"].ToString();
        _received.Enqueue(new Received(request.Path, request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()), token));
        if (!HttpMethods.IsGet(request.Method) || token != _token)
        {
            context.Response.StatusCode = 401;
            return;
        }

        if (Failures.TryDequeue(out var failure))
        {
            context.Response.StatusCode = failure.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(failure.Body);
            return;
        }

        string json;
        if (request.Path == "/systemsmanager/parameters/get" && request.Query["withDecryption"] == "true")
        {
            var name = request.Query["name"].ToString();
            json = _parameters.TryGetValue(name, out var value)
                ? JsonSerializer.Serialize(new { Parameter = new { Name = name, Type = "SecureString", Value = value, Version = 1 } })
                : """{"__type":"ParameterNotFound"}""";
        }
        else if (request.Path == "/secretsmanager/get")
        {
            var id = request.Query["secretId"].ToString();
            json = _secrets.TryGetValue(id, out var value)
                ? JsonSerializer.Serialize(new { Name = id, SecretString = value, VersionStages = new[] { "AWSCURRENT" } })
                : """{"__type":"ResourceNotFoundException"}""";
        }
        else
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.StatusCode = json.Contains("__type", StringComparison.Ordinal) ? 400 : 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>One request as received: path, decoded query and the token header.</summary>
    internal sealed record Received(string Path, IReadOnlyDictionary<string, string> Query, string Token);
}
