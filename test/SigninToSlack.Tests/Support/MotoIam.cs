using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using SigninToSlack.Aws;
using SigninToSlack.Iam;

namespace SigninToSlack.Tests.Support;

/// <summary>IAM on a moto_server for containment tests: unsigned set-up calls, the product's client, and an inline policy read back.</summary>
internal sealed class MotoIam(Uri endpoint, HttpClient http, Dictionary<string, string?> environment)
{
    public Dictionary<string, string?> Environment => environment;

    public IamClient Client(Dictionary<string, string?>? other = null)
    {
        var env = other ?? environment;
        return new IamClient(new AwsJsonClient(http, TimeProvider.System), new AwsEnvironment(name => env.GetValueOrDefault(name)), TimeProvider.System);
    }

    /// <summary>One unsigned IAM call: with authentication on, only the set-up calls may be.</summary>
    public async Task<XDocument> SetupAsync(Dictionary<string, string> form)
    {
        form["Version"] = IamClient.ApiVersion;
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.TryAddWithoutValidation(
            "Authorization", $"AWS4-HMAC-SHA256 Credential=testing/20260101/{MotoServer.Region}/iam/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{form["Action"]}: {(int)response.StatusCode} {body}");
        return XDocument.Parse(body);
    }

    public Task<string?> UserPolicyAsync(string user, string policy) => InlinePolicyAsync("GetUserPolicy", "UserName", user, policy);

    public Task<string?> RolePolicyAsync(string role, string policy) => InlinePolicyAsync("GetRolePolicy", "RoleName", role, policy);

    public static string Text(XDocument document, string element) =>
        document.Descendants().First(e => e.Name.LocalName == element).Value;

    /// <summary>The inline policy's document (URL-decoded), or null when the principal has none; a signed call.</summary>
    private async Task<string?> InlinePolicyAsync(string action, string nameParameter, string name, string policy)
    {
        var body = Encoding.UTF8.GetBytes($"Action={action}&Version={IamClient.ApiVersion}&{nameParameter}={name}&PolicyName={policy}");
        var credentials = new AwsEnvironment(n => environment.GetValueOrDefault(n)).Credentials()!;
        var response = await new AwsJsonClient(http, TimeProvider.System).PostAsync(
            endpoint, "us-east-1", "iam", new MediaTypeHeaderValue("application/x-www-form-urlencoded"), null, body, credentials, CancellationToken.None);
        if (response.Status == 404)
        {
            return null;
        }

        Assert.True(response.IsSuccess, $"{action}: {response.Status} {Encoding.UTF8.GetString(response.Body)}");
        return Uri.UnescapeDataString(Text(XDocument.Parse(Encoding.UTF8.GetString(response.Body)), "PolicyDocument"));
    }
}
