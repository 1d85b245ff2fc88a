namespace SigninToSlack.Configuration;

/// <summary>A setting is missing or invalid; the message names the variable and never repeats a secret value.</summary>
internal sealed class ConfigurationException(string message, Exception? innerException = null) : FunctionException(message, innerException);
