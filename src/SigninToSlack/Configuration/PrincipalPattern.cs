using System.Text.RegularExpressions;

namespace SigninToSlack.Configuration;

/// <summary>What a principal rule names: the part of an identity that AWS asserts, never a name the signer picks.</summary>
internal enum PrincipalPatternKind
{
    /// <summary><c>user/&lt;name&gt;</c>: the IAM user of that name, in any account.</summary>
    User,

    /// <summary><c>role/&lt;name&gt;</c>: any session of the IAM role of that name, in any account.</summary>
    Role,

    /// <summary><c>sso/&lt;user name&gt;</c>: the IAM Identity Center user, whatever permission set.</summary>
    Sso,

    /// <summary><c>root</c>: the root user of any account.</summary>
    Root,

    /// <summary>An IAM ARN of a user, a role (any session of it) or an account's root.</summary>
    Arn,
}

/// <summary>
/// One entry of SIGNIN_IGNORE_PRINCIPALS or SLACK_PEOPLE. <see cref="Key"/> is how the policy looks it up: the text
/// a principal's own keys are written in (<c>user/alice</c>, <c>arn:aws:iam::111111111111:role/Admin</c>).
/// </summary>
internal sealed partial record PrincipalPattern(PrincipalPatternKind Kind, string Key, string Text)
{
    /// <summary>How to write one, for messages.</summary>
    public const string Syntax =
        "user/<IAM user>, role/<IAM role> (any session of it), sso/<IAM Identity Center user>, root, or an IAM ARN (arn:aws:iam::<account id>:user/<name>, ...:role/<name>, ...:root)";

    /// <summary>The key of a role's ARN as a session's ARN gives it: no path (an assumed-role ARN has none).</summary>
    public static string RoleArnKey(string partition, string account, string role) => $"arn:{partition}:iam::{account}:role/{role}";

    /// <summary>Reads one entry; the message names <paramref name="variable"/>, quotes the entry (not a secret) and says how to write it.</summary>
    /// <exception cref="ConfigurationException">The entry is not a principal rule.</exception>
    public static PrincipalPattern Parse(string variable, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var shown = SettingSyntax.Shown(value);
        if (value.Equals("root", StringComparison.OrdinalIgnoreCase))
        {
            return new(PrincipalPatternKind.Root, "root", value);
        }

        if (value.StartsWith("arn:", StringComparison.OrdinalIgnoreCase))
        {
            return Arn(variable, value, shown);
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            throw new ConfigurationException(
                $"{variable}: '{shown}' is not kind-qualified: write user/{shown} for the IAM user, role/{shown} for any session of the role, sso/{shown} for the IAM Identity Center user, or the ARN");
        }

        var kind = value[..slash].ToUpperInvariant() switch
        {
            "USER" => PrincipalPatternKind.User,
            "ROLE" => PrincipalPatternKind.Role,
            "SSO" => PrincipalPatternKind.Sso,
            _ => throw new ConfigurationException($"{variable}: '{shown}' is not a principal: write {Syntax}"),
        };
        var name = value[(slash + 1)..];
        if (!(kind == PrincipalPatternKind.Sso ? SsoName() : IamName()).IsMatch(name))
        {
            throw new ConfigurationException(kind == PrincipalPatternKind.Sso
                ? $"{variable}: '{shown}' does not end in an IAM Identity Center user name (letters, digits and + = , . @ _ -, at most 128)"
                : $"{variable}: '{shown}' does not end in an IAM {(kind == PrincipalPatternKind.User ? "user" : "role")} name (letters, digits and + = , . @ _ -, at most 64; no path: write the ARN for one)");
        }

        var prefix = kind switch
        {
            PrincipalPatternKind.User => "user/",
            PrincipalPatternKind.Role => "role/",
            _ => "sso/",
        };
        return new(kind, prefix + name, value);
    }

    private static PrincipalPattern Arn(string variable, string value, string shown)
    {
        var match = IamArn().Match(value);
        if (match.Success)
        {
            var partition = match.Groups["partition"].Value;
            var account = match.Groups["account"].Value;
            var resource = match.Groups["resource"].Value;

            // A session's ARN carries its role without the role's path: a role rule matches by name within the account.
            var key = resource.StartsWith("role/", StringComparison.Ordinal)
                ? RoleArnKey(partition, account, resource[(resource.LastIndexOf('/') + 1)..])
                : value;
            return new(PrincipalPatternKind.Arn, key, value);
        }

        if (value.Contains(":assumed-role/", StringComparison.OrdinalIgnoreCase) || value.Contains(":federated-user/", StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigurationException(
                $"{variable}: '{shown}' names a session, whose name whoever signs in chooses: write role/<role> or the role's ARN (arn:aws:iam::<account id>:role/<role>), or sso/<user> for an IAM Identity Center user");
        }

        throw new ConfigurationException($"{variable}: '{shown}' is not an IAM ARN of a user, a role or root: write {Syntax}");
    }

    [GeneratedRegex(@"^arn:(?<partition>aws|aws-cn|aws-us-gov):iam::(?<account>\d{12}):(?<resource>root|(user|role)/([\w+=,.@-]+/)*[\w+=,.@-]{1,64})\z", RegexOptions.CultureInvariant | RegexOptions.ECMAScript)]
    private static partial Regex IamArn();

    [GeneratedRegex(@"^[\w+=,.@-]{1,64}\z", RegexOptions.CultureInvariant | RegexOptions.ECMAScript)]
    private static partial Regex IamName();

    [GeneratedRegex(@"^[\w+=,.@-]{1,128}\z", RegexOptions.CultureInvariant | RegexOptions.ECMAScript)]
    private static partial Regex SsoName();
}
