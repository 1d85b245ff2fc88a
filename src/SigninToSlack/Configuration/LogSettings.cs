namespace SigninToSlack.Configuration;

/// <summary>Lambda's log formats (AWS_LAMBDA_LOG_FORMAT).</summary>
internal enum LogFormat
{
    Text,
    Json,
}

/// <summary>Lambda's log levels (AWS_LAMBDA_LOG_LEVEL), least severe first.</summary>
internal enum LogLevel
{
    Trace,
    Debug,
    Info,
    Warn,
    Error,
    Fatal,
}
