namespace SigninToSlack.Logging;

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
