namespace SigninToSlack.Secrets;

/// <summary>A secret given as the value itself.</summary>
internal sealed class PlainSecret<T>(T value) : ISecret<T>
{
    public ValueTask<T> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(value);

    public override string ToString() => "(secret value)";
}
