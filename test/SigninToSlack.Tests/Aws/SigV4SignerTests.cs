using System.Text;
using SigninToSlack.Aws;
using SigninToSlack.Events;

namespace SigninToSlack.Tests.Aws;

/// <summary>
/// Cases from AWS's published Signature Version 4 test suite (aws-sig-v4-test-suite): credentials AKIDEXAMPLE,
/// 2015-08-30T12:36:00Z, us-east-1, service "service". Each reproduces the canonical request, the string to sign
/// and the Authorization header exactly.
/// </summary>
public sealed class SigV4SignerTests
{
    private static readonly AwsCredentials Example = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static readonly DateTimeOffset SigningTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    private const string Host = "example.amazonaws.com";
    private const string Date = "20150830T123600Z";
    private const string Scope = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
    private const string EmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private const string StsToken =
        "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

    /// <summary>One suite case: the request, then the expected .creq, the last line of .sts, and .authz's signed headers and signature.</summary>
    public sealed record Vector(
        string Name, string Method, string Path, string Query, (string Name, string Value)[] Headers, string Body,
        string CanonicalRequest, string StringToSignHash, string SignedHeaders, string Signature)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Vector> Vectors() =>
    [
        new Vector(
            "get-vanilla", "GET", "/", "", [("Host", Host), ("X-Amz-Date", Date)], "",
            $"GET\n/\n\nhost:{Host}\nx-amz-date:{Date}\n\nhost;x-amz-date\n{EmptyHash}",
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
            "host;x-amz-date",
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        new Vector(
            "get-vanilla-query-order-key-case", "GET", "/", "Param2=value2&Param1=value1", [("Host", Host), ("X-Amz-Date", Date)], "",
            $"GET\n/\nParam1=value1&Param2=value2\nhost:{Host}\nx-amz-date:{Date}\n\nhost;x-amz-date\n{EmptyHash}",
            "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0",
            "host;x-amz-date",
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        new Vector(
            "get-vanilla-utf8-query", "GET", "/", "\u1234=bar", [("Host", Host), ("X-Amz-Date", Date)], "",
            $"GET\n/\n%E1%88%B4=bar\nhost:{Host}\nx-amz-date:{Date}\n\nhost;x-amz-date\n{EmptyHash}",
            "eb30c5bed55734080471a834cc727ae56beb50e5f39d1bff6d0d38cb192a7073",
            "host;x-amz-date",
            "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
        new Vector(
            "get-space", "GET", "/example space/", "", [("Host", Host), ("X-Amz-Date", Date)], "",
            $"GET\n/example%20space/\n\nhost:{Host}\nx-amz-date:{Date}\n\nhost;x-amz-date\n{EmptyHash}",
            "63ee75631ed7234ae61b5f736dfc7754cdccfedbff4b5128a915706ee9390d86",
            "host;x-amz-date",
            "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"),
        new Vector(
            "get-header-value-trim", "GET", "/", "", [("Host", Host), ("My-Header1", " value1"), ("My-Header2", " \"a   b   c\""), ("X-Amz-Date", Date)], "",
            $"GET\n/\n\nhost:{Host}\nmy-header1:value1\nmy-header2:\"a b c\"\nx-amz-date:{Date}\n\nhost;my-header1;my-header2;x-amz-date\n{EmptyHash}",
            "a726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7",
            "host;my-header1;my-header2;x-amz-date",
            "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
        new Vector(
            "get-header-key-duplicate", "GET", "/", "", [("Host", Host), ("My-Header1", "value2"), ("My-Header1", "value2"), ("My-Header1", "value1"), ("X-Amz-Date", Date)], "",
            $"GET\n/\n\nhost:{Host}\nmy-header1:value2,value2,value1\nx-amz-date:{Date}\n\nhost;my-header1;x-amz-date\n{EmptyHash}",
            "dc7f04a3abfde8d472b0ab1a418b741b7c67174dad1551b4117b15527fbe966c",
            "host;my-header1;x-amz-date",
            "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"),
        new Vector(
            "post-header-key-sort", "POST", "/", "", [("Host", Host), ("My-Header1", "value1"), ("X-Amz-Date", Date)], "",
            $"POST\n/\n\nhost:{Host}\nmy-header1:value1\nx-amz-date:{Date}\n\nhost;my-header1;x-amz-date\n{EmptyHash}",
            "9368318c2967cf6de74404b30c65a91e8f6253e0a8659d6d5319f1a812f87d65",
            "host;my-header1;x-amz-date",
            "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c"),
        new Vector(
            "post-x-www-form-urlencoded", "POST", "/", "", [("Content-Type", "application/x-www-form-urlencoded"), ("Host", Host), ("X-Amz-Date", Date)], "Param1=value1",
            $"POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:{Host}\nx-amz-date:{Date}\n\ncontent-type;host;x-amz-date\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
            "42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281",
            "content-type;host;x-amz-date",
            "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"),
        new Vector(
            "post-sts-header-before", "POST", "/", "", [("Host", Host), ("X-Amz-Date", Date), ("X-Amz-Security-Token", StsToken)], "",
            $"POST\n/\n\nhost:{Host}\nx-amz-date:{Date}\nx-amz-security-token:{StsToken}\n\nhost;x-amz-date;x-amz-security-token\n{EmptyHash}",
            "c237e1b440d4c63c32ca95b5b99481081cb7b13c7e40434868e71567c1a882f6",
            "host;x-amz-date;x-amz-security-token",
            "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"),
    ];

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Sign_SuiteCase_MatchesCanonicalRequestStringToSignAndAuthorization(Vector vector)
    {
        var request = new SigV4Request(
            vector.Method,
            vector.Path,
            vector.Query,
            [.. vector.Headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))],
            Encoding.UTF8.GetBytes(vector.Body));

        var signature = SigV4Signer.Sign(request, Example, "us-east-1", "service", SigningTime);

        Assert.Equal(vector.CanonicalRequest, signature.CanonicalRequest);
        Assert.Equal($"AWS4-HMAC-SHA256\n{Date}\n20150830/us-east-1/service/aws4_request\n{vector.StringToSignHash}", signature.StringToSign);
        Assert.Equal($"AWS4-HMAC-SHA256 Credential={Scope}, SignedHeaders={vector.SignedHeaders}, Signature={vector.Signature}", signature.Authorization);
    }

    [Fact]
    public void Sign_AnotherSecretKey_GivesAnotherSignature()
    {
        var request = new SigV4Request("GET", "/", "", [new("Host", Host), new("X-Amz-Date", Date)], Array.Empty<byte>());

        var signature = SigV4Signer.Sign(request, Example with { SecretAccessKey = "another" }, "us-east-1", "service", SigningTime);

        Assert.NotEqual("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", signature.Signature);
    }

    [Fact]
    public void AwsCredentials_ToString_ShowsNeitherSecretKeyNorToken()
    {
        var text = new AwsCredentials("AKIDEXAMPLE", "SECRETKEY", "SESSIONTOKEN").ToString();

        Assert.Contains("AKIDEXAMPLE", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETKEY", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SESSIONTOKEN", text, StringComparison.Ordinal);
    }
}
