using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SigninToSlack.Respond;
using SigninToSlack.Tokens;

namespace SigninToSlack.Benchmarks.ColdStart;

/// <summary>The Respond function's cold start: a function URL request carrying a Slack button press, signed afresh for each start.</summary>
internal static class RespondScenario
{
    private const string Account = "111122223333";
    private const string LinkKey = "a link key of at least thirty-two characters, for measuring only";
    private const string SigningSecret = "0123456789abcdef0123456789abcdef";

    public static IEnumerable<(string, string)> Environment(string awsEndpoint) =>
    [
        ("SIGNIN_HANDLER", "Respond"),
        ("SIGNIN_LINK_KEY", LinkKey),
        ("SIGNIN_ACCOUNT_ID", Account),
        ("SIGNIN_STATE_TABLE", "signin-state"),
        ("SLACK_SIGNING_SECRET", SigningSecret),
        ("AWS_LAMBDA_FUNCTION_NAME", "signin-respond"),
        ("AWS_REGION", "us-east-1"),
        ("AWS_ACCESS_KEY_ID", "measuring"),
        ("AWS_SECRET_ACCESS_KEY", "measuring"),
        ("AWS_ENDPOINT_URL", awsEndpoint),
    ];

    public static byte[] SlackPress()
    {
        var token = TokenCodec.Mint(
            new ResponseToken(TokenPurpose.Contain, Account, $"arn:aws:iam::{Account}:user/alice", "6f1e2d3c-0000-4000-8000-000000000003", DateTimeOffset.UtcNow.AddMinutes(30), [], "U0ALICE01"),
            Encoding.UTF8.GetBytes(LinkKey));
        var body = "payload=" + Uri.EscapeDataString(new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "U0ALICE01" },
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = SlackInteraction.WasntMe, ["value"] = token }),
        }.ToJsonString());
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetBytes(new JsonObject
        {
            ["version"] = "2.0",
            ["rawPath"] = "/",
            ["headers"] = new JsonObject
            {
                ["x-slack-request-timestamp"] = ts,
                ["x-slack-signature"] = SlackSignature.Compute(Encoding.UTF8.GetBytes(SigningSecret), ts, Encoding.UTF8.GetBytes(body)),
            },
            ["requestContext"] = new JsonObject { ["domainName"] = "abc123.lambda-url.us-east-1.on.aws", ["http"] = new JsonObject { ["method"] = "POST" } },
            ["body"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(body)),
            ["isBase64Encoded"] = true,
        }.ToJsonString());
    }
}
