namespace SigninToSlack.Logging;

/// <summary>Lambda's log formats (AWS_LAMBDA_LOG_FORMAT).</summary>
internal enum LogFormat
{
    Text,
    Json,
}
