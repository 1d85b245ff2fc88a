using System.Globalization;
using Microsoft.AspNetCore.Http;
using SigninToSlack.Aws;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Aws;

public sealed class AwsJsonClientTests
{
    private static readonly AwsCredentials Keys = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    [Fact]
    public async Task CallAsync_ClockTicksAcrossMidnightBetweenReads_HeaderScopeAndSignatureAgree()
    {
        // Arrange: every reading of this clock is one second later than the one before, starting just before midnight,
        // so a client that read it twice would put 20261231 in X-Amz-Date and 20270101 in the scope.
        Received? received = null;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received = new Received(
                context.Request.Headers["X-Amz-Date"].ToString(),
                context.Request.Headers.Authorization.ToString(),
                context.Request.Headers.Host.ToString(),
                context.Request.Headers["X-Amz-Target"].ToString(),
                context.Request.ContentType ?? string.Empty,
                body.ToArray());
            context.Response.StatusCode = 200;
            await context.Response.WriteAsync("{}");
        });
        using var http = new HttpClient();
        var clock = new TickingTimeProvider(new DateTimeOffset(2026, 12, 31, 23, 59, 59, 500, TimeSpan.Zero), TimeSpan.FromSeconds(1));
        var client = new AwsJsonClient(http, clock);

        // Act
        var response = await client.CallAsync(server.BaseAddress, "us-east-1", "ssm", "AmazonSSM.GetParameter", "{\"Name\":\"/x\"}"u8.ToArray(), Keys, CancellationToken.None);

        // Assert
        Assert.Equal(200, response.Status);
        var (date, authorization) = (received!.AmzDate, received.Authorization);
        Assert.Equal("20261231T235959Z", date);
        Assert.Contains($"Credential=AKIDEXAMPLE/{date[..8]}/us-east-1/ssm/aws4_request,", authorization, StringComparison.Ordinal);
        var expected = SigV4Signer.Sign(
            new SigV4Request(
                "POST",
                "/",
                string.Empty,
                [new("content-type", received.ContentType), new("host", received.Host), new("x-amz-date", date), new("x-amz-target", received.Target)],
                received.Body),
            Keys,
            "us-east-1",
            "ssm",
            DateTimeOffset.ParseExact(date, SigV4Signer.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
        Assert.Equal(expected.Authorization, authorization);
    }

    private sealed record Received(string AmzDate, string Authorization, string Host, string Target, string ContentType, byte[] Body);

    /// <summary>A clock that moves on by <paramref name="step"/> every time it is read.</summary>
    private sealed class TickingTimeProvider(DateTimeOffset start, TimeSpan step) : TimeProvider
    {
        private long _reads;

        public override DateTimeOffset GetUtcNow() => start + (step * (Interlocked.Increment(ref _reads) - 1));
    }
}
