using System.Buffers;

namespace SigninToSlack.Identity;

/// <summary>
/// What AWS's own identifiers look like, in one place for every folder that reads them: account IDs, and IAM Identity
/// Center's AWSReservedSSO_ roles (their path, which only Identity Center can use, and the permission set in their name).
/// </summary>
internal static class AwsNames
{
    public const string IdentityCenterRolePrefix = "AWSReservedSSO_";

    /// <summary>What a role ARN of IAM Identity Center holds: its roles are made under this path, which no one else can use.</summary>
    public const string IdentityCenterRolePath = ":role/aws-reserved/sso.amazonaws.com/";

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>Twelve ASCII digits.</summary>
    public static bool IsAccountId(ReadOnlySpan<char> value)
    {
        if (value.Length != 12)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsAccountId(string? value) => value is not null && IsAccountId(value.AsSpan());

    /// <summary>
    /// Splits an IAM or STS ARN of an account, <c>arn:&lt;aws|aws-cn|aws-us-gov&gt;:&lt;service&gt;::&lt;account&gt;:&lt;resource&gt;</c>,
    /// into its service, account and the resource's '/'-separated segments; false for anything else, an empty segment,
    /// or a control or white-space character anywhere.
    /// </summary>
    public static bool TryParseArn(string arn, out string service, out string account, out string[] resource)
    {
        ArgumentNullException.ThrowIfNull(arn);
        (service, account, resource) = (string.Empty, string.Empty, []);
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[1] is not ("aws" or "aws-cn" or "aws-us-gov") || parts[3].Length != 0
            || !IsAccountId(parts[4]) || arn.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return false;
        }

        var segments = parts[5].Split('/');
        if (segments.Any(s => s.Length == 0))
        {
            return false;
        }

        (service, account, resource) = (parts[2], parts[4], segments);
        return true;
    }

    /// <summary>IAM's user and role names: 1 to 128 letters, digits and + = , . @ _ -.</summary>
    public static bool IsIamName(string value) =>
        value.Length is > 0 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '=' or ',' or '.' or '@' or '_' or '-');

    /// <summary>A role name IAM Identity Center uses; only <see cref="IsIdentityCenterRoleArn"/> tells whether it really is one of its roles.</summary>
    public static bool HasIdentityCenterName(string? role) => role is not null && role.StartsWith(IdentityCenterRolePrefix, StringComparison.Ordinal);

    /// <summary>Whether a role's IAM ARN (with its path) is IAM Identity Center's.</summary>
    public static bool IsIdentityCenterRoleArn(string roleArn)
    {
        ArgumentNullException.ThrowIfNull(roleArn);
        return roleArn.Contains(IdentityCenterRolePath, StringComparison.Ordinal);
    }

    /// <summary>AWSReservedSSO_&lt;permission set&gt;_&lt;16 hex digits&gt; gives the permission set (which may hold '_' itself); null for another name.</summary>
    public static string? PermissionSetOf(string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        if (!HasIdentityCenterName(role))
        {
            return null;
        }

        var rest = role.AsSpan(IdentityCenterRolePrefix.Length);
        var last = rest.LastIndexOf('_');
        var name = last > 0 && !rest[(last + 1)..].IsEmpty && !rest[(last + 1)..].ContainsAnyExcept(HexDigits) ? rest[..last] : rest;
        return name.IsEmpty ? null : name.ToString();
    }
}
