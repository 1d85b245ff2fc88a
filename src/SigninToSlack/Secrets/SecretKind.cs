namespace SigninToSlack.Secrets;

/// <summary>Where a referenced secret is kept.</summary>
internal enum SecretKind
{
    /// <summary>An SSM Parameter Store parameter (a SecureString is decrypted).</summary>
    Ssm,

    /// <summary>A Secrets Manager secret's SecretString.</summary>
    SecretsManager,
}
