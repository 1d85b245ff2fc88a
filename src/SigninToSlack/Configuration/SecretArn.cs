using System.Text.RegularExpressions;

namespace SigninToSlack.Configuration;

/// <summary>
/// The ARN of a stored secret, checked part by part. The region becomes part of the host a signed request (with the
/// session token) is sent to, so it must be a region name and nothing else: <c>evil.example/</c> would move the host.
/// </summary>
internal static partial class SecretArn
{
    /// <summary>The partitions this function's endpoints are built for.</summary>
    public static readonly IReadOnlyList<string> Partitions = ["aws", "aws-cn", "aws-us-gov"];

    /// <summary>
    /// Null when <paramref name="id"/> is a well-formed ARN of <paramref name="kind"/> (its region in
    /// <paramref name="region"/>) or no ARN at all (<paramref name="region"/> null); else the problem, which quotes nothing.
    /// </summary>
    public static string? Check(SecretKind kind, string id, out string? region)
    {
        ArgumentNullException.ThrowIfNull(id);
        region = null;
        var (service, shape) = kind == SecretKind.Ssm
            ? ("ssm", "arn:aws:ssm:<region>:<account id>:parameter/<name>")
            : ("secretsmanager", "arn:aws:secretsmanager:<region>:<account id>:secret:<name>");
        if (!id.StartsWith("arn:", StringComparison.Ordinal))
        {
            // Neither service allows ':' in a name: a value with one is a mistyped ARN, not a name.
            return id.Contains(':', StringComparison.Ordinal) ? $"is neither a {(kind == SecretKind.Ssm ? "parameter" : "secret")} name nor an ARN ({shape})" : null;
        }

        var parts = id.Split(':', kind == SecretKind.Ssm ? 6 : 7);
        string? problem = null;
        if (parts.Length < 6)
        {
            problem = $"is not a complete ARN ({shape})";
        }
        else if (!Partitions.Contains(parts[1], StringComparer.Ordinal))
        {
            problem = $"has an ARN whose partition is not one of {string.Join(", ", Partitions)}";
        }
        else if (!string.Equals(parts[2], service, StringComparison.Ordinal))
        {
            problem = $"has an ARN of another service: a {service}: reference takes {shape}";
        }
        else if (!IsRegion(parts[3]) || PartitionOf(parts[3]) != parts[1])
        {
            problem = $"has an ARN whose region is not a region name of partition {parts[1]} (e.g. eu-west-1, cn-north-1, us-gov-west-1)";
        }
        else if (!SettingSyntax.IsAccountId(parts[4]))
        {
            problem = "has an ARN whose account is not an AWS account ID (12 digits)";
        }
        else if (kind == SecretKind.Ssm ? !parts[5].StartsWith("parameter/", StringComparison.Ordinal) || parts[5].Length == "parameter/".Length || parts[5].Contains(':', StringComparison.Ordinal)
                 : parts.Length < 7 || parts[5] != "secret" || parts[6].Length == 0 || parts[6].Contains(':', StringComparison.Ordinal))
        {
            problem = $"has an ARN that does not name a {(kind == SecretKind.Ssm ? "parameter" : "secret")} ({shape})";
        }

        region = problem is null ? parts[3] : null;
        return problem;
    }

    /// <summary>Whether <paramref name="value"/> is shaped like an AWS region name (eu-west-1, us-gov-east-1, us-isob-east-1).</summary>
    public static bool IsRegion(string? value) => value is not null && RegionPattern().IsMatch(value);

    /// <summary>The partition a region belongs to, as far as the endpoints built here go.</summary>
    public static string PartitionOf(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : region.Contains("-iso", StringComparison.Ordinal) ? "aws-iso"
        : "aws";

    [GeneratedRegex(@"^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d{1,2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}
