namespace SigninToSlack.Aws;

/// <summary>The steps of one signature, kept so that each can be checked against AWS's published test suite.</summary>
internal sealed record SigV4Signature(string CanonicalRequest, string StringToSign, string Signature, string Authorization);
