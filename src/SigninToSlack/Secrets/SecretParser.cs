namespace SigninToSlack.Secrets;

/// <summary>
/// Checks and converts a secret setting's value; returns null when valid, else what is wrong with it as a phrase
/// that follows the setting's name ("must be an https:// URL") and never quotes the value.
/// </summary>
internal delegate string? SecretParser<T>(string value, out T? result);
