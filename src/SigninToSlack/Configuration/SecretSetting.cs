namespace SigninToSlack.Configuration;

/// <summary>A secret setting as read at start-up: its value, already checked, or a reference to resolve during an invocation.</summary>
internal sealed class SecretSetting<T>
    where T : class
{
    private SecretSetting(string variable, T? value, SecretReference? reference, SecretParser<T> parse)
    {
        Variable = variable;
        Value = value;
        Reference = reference;
        Parse = parse;
    }

    public string Variable { get; }

    /// <summary>The value itself; null when the setting is a reference.</summary>
    public T? Value { get; }

    public SecretReference? Reference { get; }

    /// <summary>Checks a value resolved from <see cref="Reference"/> as the value itself was checked at start-up.</summary>
    public SecretParser<T> Parse { get; }

    public static SecretSetting<T> Plain(string variable, T value, SecretParser<T> parse) => new(variable, value, null, parse);

    public static SecretSetting<T> Referenced(string variable, SecretReference reference, SecretParser<T> parse) => new(variable, null, reference, parse);

    /// <summary>Shows the reference, never the value.</summary>
    public override string ToString() => Reference?.ToString() ?? "set";
}

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

            return SecretArn.Check(SecretKind.Ssm, name, out _) is { } problem
                ? throw new FormatException($"an ssm: reference {problem}")
                : new SecretReference(SecretKind.Ssm, name);
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

            return SecretArn.Check(SecretKind.SecretsManager, id, out _) is { } arnProblem
                ? throw new FormatException($"a secretsmanager: reference {arnProblem}")
                : new SecretReference(SecretKind.SecretsManager, id, key);
        }

        return null;
    }

    /// <summary>The AWS region named by an ARN id; null for a plain name, and for an ARN that is not well formed.</summary>
    public string? ArnRegion => SecretArn.Check(Kind, Id, out var region) is null ? region : null;

    public override string ToString() => Kind switch
    {
        SecretKind.Ssm => SsmPrefix + Id,
        _ => JsonKey is null ? SecretsManagerPrefix + Id : $"{SecretsManagerPrefix}{Id}#{JsonKey}",
    };
}

/// <summary>Where a referenced secret is kept.</summary>
internal enum SecretKind
{
    /// <summary>An SSM Parameter Store parameter (a SecureString is decrypted).</summary>
    Ssm,

    /// <summary>A Secrets Manager secret's SecretString.</summary>
    SecretsManager,
}

/// <summary>
/// Checks and converts a secret setting's value; returns null when valid, else what is wrong with it as a phrase
/// that follows the setting's name ("must be an https:// URL") and never quotes the value.
/// </summary>
internal delegate string? SecretParser<T>(string value, out T? result);
