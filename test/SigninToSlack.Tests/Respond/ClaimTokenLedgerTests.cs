using SigninToSlack.Aws;
using SigninToSlack.Configuration;
using SigninToSlack.Respond;
using SigninToSlack.State;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Respond;

/// <summary>The Respond function's single-use ledger on the state table, in moto_server.</summary>
[Collection(MotoServer.Collection)]
public sealed class ClaimTokenLedgerTests(MotoServer moto)
{
    private static ClaimTokenLedger Ledger(Uri endpoint, string table)
    {
        var environment = SecretsEnvironment.ForMoto(endpoint);
        return new ClaimTokenLedger(new DynamoClaimStore(
            new AwsJsonClient(new HttpClient(), TimeProvider.System), new AwsEnvironment(environment.GetValueOrDefault), new StateTable(table), TimeProvider.System));
    }

    [Fact]
    public async Task TryUseOnce_SameKeyFromTwoContainers_OnlyTheFirstWins()
    {
        var table = "respond-" + Guid.NewGuid().ToString("N")[..12];
        await moto.CreateStateTableAsync(table);
        var expires = DateTimeOffset.UtcNow.AddMinutes(30);

        var first = await Ledger(moto.Endpoint, table).TryUseOnceAsync("use-1", expires, CancellationToken.None);
        var again = await Ledger(moto.Endpoint, table).TryUseOnceAsync("use-1", expires, CancellationToken.None);
        var other = await Ledger(moto.Endpoint, table).TryUseOnceAsync("use-2", expires, CancellationToken.None);

        Assert.True(first);
        Assert.False(again);
        Assert.True(other);
    }

    [Fact]
    public async Task TryUseOnce_TableMissing_RefusesTheUseInsteadOfActing()
    {
        var ledger = Ledger(moto.Endpoint, "no-such-table-" + Guid.NewGuid().ToString("N")[..8]);

        var ex = await Assert.ThrowsAsync<TokenLedgerException>(() => ledger.TryUseOnceAsync("use-1", DateTimeOffset.UtcNow.AddMinutes(30), CancellationToken.None));

        Assert.Contains("state table could not be asked", ex.Message, StringComparison.Ordinal);
    }
}
