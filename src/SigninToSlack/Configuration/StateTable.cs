using System.Text.RegularExpressions;

namespace SigninToSlack.Configuration;

/// <summary>
/// The DynamoDB table SIGNIN_STATE_TABLE names: its name, and the region an ARN gives (null: the function's own).
/// The region becomes part of the host the signed requests go to, so an ARN's region must be a region name.
/// </summary>
internal sealed partial record StateTable(string Name, string? Region = null)
{
    public const string Shape = "a table name ([a-zA-Z0-9_.-], 3 to 255 characters) or arn:aws:dynamodb:<region>:<account id>:table/<name>";

    /// <summary>Null when <paramref name="value"/> is a table name or a table ARN (then <paramref name="table"/> is set); else the problem, which quotes nothing.</summary>
    public static string? Parse(string value, out StateTable? table)
    {
        ArgumentNullException.ThrowIfNull(value);
        table = null;
        if (!value.StartsWith("arn:", StringComparison.Ordinal))
        {
            if (!NamePattern().IsMatch(value))
            {
                return $"is not {Shape}";
            }

            table = new StateTable(value);
            return null;
        }

        var parts = value.Split(':', 6);
        if (parts.Length < 6 || !SecretArn.Partitions.Contains(parts[1], StringComparer.Ordinal) || parts[2] != "dynamodb")
        {
            return $"is not {Shape}";
        }

        if (!SecretArn.IsRegion(parts[3]) || SecretArn.PartitionOf(parts[3]) != parts[1])
        {
            return $"has an ARN whose region is not a region name of partition {parts[1]} (e.g. eu-west-1)";
        }

        if (!SettingSyntax.IsAccountId(parts[4]))
        {
            return "has an ARN whose account is not an AWS account ID (12 digits)";
        }

        if (!parts[5].StartsWith("table/", StringComparison.Ordinal) || !NamePattern().IsMatch(parts[5]["table/".Length..]))
        {
            return $"has an ARN that does not name a table ({Shape})";
        }

        table = new StateTable(parts[5]["table/".Length..], parts[3]);
        return null;
    }

    [GeneratedRegex(@"^[a-zA-Z0-9_.\-]{3,255}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
