namespace SigninToSlack.Configuration;

/// <summary>A setting is missing or invalid; the message names the variable and never repeats a secret value.</summary>
internal sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConfigurationException()
    {
    }
}
