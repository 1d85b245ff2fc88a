using System.Buffers.Text;
using System.Text;
using SigninToSlack.Tokens;

namespace SigninToSlack.Tests.Tokens;

public sealed class TokenCodecTests
{
    private const string Account = "123456789012";
    private const string Arn = "arn:aws:iam::123456789012:user/alice";
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("a link key of at least thirty-two bytes");
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly ResponseToken Contain = new(TokenPurpose.Contain, Account, Arn, "6f1e2d3c-0000-4000-8000-000000000001", Now.AddMinutes(30));

    private static TokenProblem Verify(string text, TokenPurpose purpose = TokenPurpose.Contain, string account = Account, DateTimeOffset? now = null, byte[]? key = null) =>
        TokenCodec.Verify(text, key ?? Key, purpose, account, now ?? Now, out _);

    [Fact]
    public void Minted_VerifiesToTheSameFields()
    {
        var undo = Contain with { Purpose = TokenPurpose.Undo, Keys = ["AKIAEXAMPLE1", "AKIAEXAMPLE2"], ContainedAt = Now.AddMinutes(-1) };

        var problem = TokenCodec.Verify(TokenCodec.Mint(undo, Key), Key, TokenPurpose.Undo, Account, Now, out var read);

        Assert.Equal(TokenProblem.None, problem);
        Assert.Equal(undo, read);
    }

    [Fact]
    public void Minted_WithTheSlackMember_CarriesItSigned()
    {
        var token = Contain with { Member = "U012AB3CD" };

        Assert.Equal(TokenProblem.None, TokenCodec.Verify(TokenCodec.Mint(token, Key), Key, TokenPurpose.Contain, Account, Now, out var read));
        Assert.Equal("U012AB3CD", read!.Member);
        Assert.Throws<ArgumentException>(() => TokenCodec.Mint(Contain with { Member = "<!channel>" }, Key));
    }

    [Fact]
    public void Tampered_AnyCharacterOfPayloadOrMac_IsRefused()
    {
        var token = TokenCodec.Mint(Contain, Key);

        for (var i = TokenCodec.Version.Length + 1; i < token.Length; i++)
        {
            if (token[i] == '.')
            {
                continue;
            }

            var changed = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            var problem = Verify(changed);
            Assert.True(problem is TokenProblem.Tampered or TokenProblem.Malformed, $"character {i}: {problem}");
        }
    }

    [Fact]
    public void SpareBitsOfTheLastCharacterChanged_IsRefused()
    {
        // 32 MAC bytes fill 43 base64 characters with 2 bits to spare: a lenient decoder reads 4 spellings as one MAC.
        var token = TokenCodec.Mint(Contain, Key);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var last = Alphabet.IndexOf(token[^1], StringComparison.Ordinal);
        var variant = token[..^1] + Alphabet[last ^ 1];

        Assert.Equal(TokenProblem.Malformed, Verify(variant));
    }

    [Fact]
    public void PayloadSwappedForAnotherPrincipal_IsTampered()
    {
        var token = TokenCodec.Mint(Contain, Key).Split('.');
        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"contain\n{Account}\narn:aws:iam::123456789012:user/admin\nx\n9999999999\n"));

        Assert.Equal(TokenProblem.Tampered, Verify($"{token[0]}.{forged}.{token[2]}"));
    }

    [Fact]
    public void SignedWithAnotherKey_IsTampered() =>
        Assert.Equal(TokenProblem.Tampered, Verify(TokenCodec.Mint(Contain, Encoding.UTF8.GetBytes("another link key of thirty-two bytes!!"))));

    [Fact]
    public void Expired_IsRefused_AndValidUpToItsLastSecond()
    {
        var token = TokenCodec.Mint(Contain, Key);

        Assert.Equal(TokenProblem.None, Verify(token, now: Contain.ExpiresAt.AddSeconds(-1)));
        Assert.Equal(TokenProblem.Expired, Verify(token, now: Contain.ExpiresAt));
    }

    [Fact]
    public void WrongAccount_IsRefused() =>
        Assert.Equal(TokenProblem.WrongAccount, Verify(TokenCodec.Mint(Contain, Key), account: "210987654321"));

    [Fact]
    public void WrongPurpose_IsRefused()
    {
        Assert.Equal(TokenProblem.WrongPurpose, Verify(TokenCodec.Mint(Contain, Key), TokenPurpose.Undo));
        Assert.Equal(TokenProblem.WrongPurpose, Verify(TokenCodec.Mint(Contain with { Purpose = TokenPurpose.Undo }, Key)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("v1")]
    [InlineData("v1.abc")]
    [InlineData("v1.a.b.c")]
    [InlineData("v1.@@@.AAAA")]
    public void Malformed_IsRefused(string text) => Assert.Equal(TokenProblem.Malformed, Verify(text));

    [Fact]
    public void OtherVersion_IsRefused()
    {
        var token = TokenCodec.Mint(Contain, Key);

        Assert.Equal(TokenProblem.UnknownVersion, Verify("v2" + token[2..]));
    }

    [Fact]
    public void Mint_RefusesLineBreakInAField() =>
        Assert.Throws<ArgumentException>(() => TokenCodec.Mint(Contain with { EventId = "x\ny" }, Key));

    [Fact]
    public void UseKey_DiffersByActionAndHoldsNoToken()
    {
        var token = TokenCodec.Mint(Contain, Key);

        Assert.NotEqual(TokenCodec.UseKey(token, "wasnt_me"), TokenCodec.UseKey(token, "was_me"));
        Assert.DoesNotContain(token.Split('.')[2], TokenCodec.UseKey(token, "wasnt_me"), StringComparison.Ordinal);
    }
}
