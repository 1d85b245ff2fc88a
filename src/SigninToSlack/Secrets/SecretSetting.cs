namespace SigninToSlack.Secrets;

/// <summary>A secret setting as read at start-up: its value, already checked, or a reference to resolve during an invocation.</summary>
internal sealed class SecretSetting<T>
    where T : class
{
    private readonly SecretParser<T> _parse;

    private SecretSetting(string variable, T? value, SecretReference? reference, SecretParser<T> parse)
    {
        Variable = variable;
        Value = value;
        Reference = reference;
        _parse = parse;
    }

    public string Variable { get; }

    /// <summary>The value itself; null when the setting is a reference.</summary>
    public T? Value { get; }

    public SecretReference? Reference { get; }

    public static SecretSetting<T> Plain(string variable, T value, SecretParser<T> parse) => new(variable, value, null, parse);

    public static SecretSetting<T> Referenced(string variable, SecretReference reference, SecretParser<T> parse) => new(variable, null, reference, parse);

    /// <summary>The setting as its users take it: a reference is resolved through <paramref name="cache"/> when first needed.</summary>
    public ISecret<T> Bind(SecretCache cache) =>
        Reference is null ? new PlainSecret<T>(Value!) : new ReferencedSecret<T>(Variable, Reference, cache, _parse);

    /// <summary>Shows the reference, never the value.</summary>
    public override string ToString() => Reference?.ToString() ?? "set";
}
