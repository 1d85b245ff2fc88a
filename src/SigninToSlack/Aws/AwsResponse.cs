namespace SigninToSlack.Aws;

/// <summary>The status and body of one AWS call.</summary>
internal sealed record AwsResponse(int Status, byte[] Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}
