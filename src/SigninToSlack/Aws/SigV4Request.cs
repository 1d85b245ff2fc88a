namespace SigninToSlack.Aws;

/// <summary>
/// A request as Signature Version 4 sees it: the path (not yet encoded), the raw query string, every header to sign
/// (host and x-amz-date included) in any order and case, and the body.
/// </summary>
internal sealed record SigV4Request(
    string Method,
    string Path,
    string Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    ReadOnlyMemory<byte> Body);
