namespace SigninToSlack.Secrets;

/// <summary>
/// A setting's pointer to where its value is kept: <c>ssm:&lt;parameter name or ARN&gt;</c>,
/// <c>secretsmanager:&lt;name or ARN&gt;</c> or <c>secretsmanager:&lt;name or ARN&gt;#&lt;JSON key&gt;</c>.
/// The reference itself is not secret and may be shown; the value it resolves to never is.
/// </summary>
internal sealed record SecretReference(SecretKind Kind, string Id, string? JsonKey = null)
{
    public const string SsmPrefix = "ssm:";
    public const string SecretsManagerPrefix = "secretsmanager:";

    private const int MaxIdLength = 2048;

    /// <summary>
    /// Null when <paramref name="value"/> is not a reference (it is the value itself). A value that starts with a
    /// reference prefix but is malformed throws, with a message that does not repeat the value.
    /// </summary>
    /// <exception cref="FormatException">The reference is malformed.</exception>
    public static SecretReference? Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.StartsWith(SsmPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var name = value[SsmPrefix.Length..];
            if (name.Length is 0 or > MaxIdLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '/' or ':'))
            {
                throw new FormatException("an ssm: reference must name a parameter (ssm:/path/to/parameter or its ARN): letters, digits and _ . - / only");
            }

            return new SecretReference(SecretKind.Ssm, name);
        }

        if (value.StartsWith(SecretsManagerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var rest = value[SecretsManagerPrefix.Length..];
            var hash = rest.IndexOf('#', StringComparison.Ordinal);
            var id = hash < 0 ? rest : rest[..hash];
            var key = hash < 0 ? null : rest[(hash + 1)..];
            if (id.Length is 0 or > MaxIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '+' or '=' or '.' or '@' or '-' or ':'))
            {
                throw new FormatException("a secretsmanager: reference must name a secret (secretsmanager:<name or ARN>, optionally #<JSON key>): letters, digits and / _ + = . @ - only");
            }

            if (key is not null && (key.Length == 0 || key.Any(char.IsControl)))
            {
                throw new FormatException("a secretsmanager: reference has an empty or invalid JSON key after '#'");
            }

            return new SecretReference(SecretKind.SecretsManager, id, key);
        }

        return null;
    }

    /// <summary>The AWS region named by an ARN id; null for a plain name.</summary>
    public string? ArnRegion => Id.StartsWith("arn:", StringComparison.Ordinal) && Id.Split(':') is { Length: > 4 } parts && parts[3].Length > 0
        ? parts[3]
        : null;

    public override string ToString() => Kind switch
    {
        SecretKind.Ssm => SsmPrefix + Id,
        _ => JsonKey is null ? SecretsManagerPrefix + Id : $"{SecretsManagerPrefix}{Id}#{JsonKey}",
    };
}
