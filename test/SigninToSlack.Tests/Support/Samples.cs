using System.Text;
using SigninToSlack.Alerts;
using SigninToSlack.Events;

namespace SigninToSlack.Tests.Support;

/// <summary>Builds events for tests from a CloudTrail record written as JSON.</summary>
internal static class Samples
{
    public static EventBridgeEvent Event(string detailJson, string detailType = SigninEventTypes.ConsoleSignIn, string source = "aws.signin") =>
        EventReader.ReadEventBridge(Encoding.UTF8.GetBytes(
            $$"""{"version":"0","id":"evt-1","detail-type":"{{detailType}}","source":"{{source}}","account":"111122223333","time":"2026-11-27T10:00:00Z","region":"us-east-1","resources":[],"detail":{{detailJson}}}"""));

    public static SigninAlert Alert(string detailJson, string detailType = SigninEventTypes.ConsoleSignIn) =>
        AlertClassifier.Classify(Event(detailJson, detailType)).Alert
            ?? throw new InvalidOperationException("sample was skipped");

    public static byte[] File(string name) => System.IO.File.ReadAllBytes(Path.Combine(RepoFiles.Events, name));
}
