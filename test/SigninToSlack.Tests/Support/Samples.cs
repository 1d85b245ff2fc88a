using System.Text.Json;
using System.Text;
using SigninToSlack.Alerts;
using SigninToSlack.Events;
using SigninToSlack.Text;
using SigninToSlack.Formatting;

namespace SigninToSlack.Tests.Support;

/// <summary>Builds events for tests from a CloudTrail record written as JSON, and renders alert text.</summary>
internal static class Samples
{
    /// <summary>Writes part of an alert's wording.</summary>
    internal delegate void Wording(ref TextBuilder text, SigninAlert alert);

    public static SigninRecord Event(string detailJson, string detailType = SigninEventTypes.ConsoleSignIn, string source = "aws.signin") =>
        SigninEventReader.Read(Encoding.UTF8.GetBytes(
            $$"""{"version":"0","id":"evt-1","detail-type":"{{detailType}}","source":"{{source}}","account":"111122223333","time":"2026-11-27T10:00:00Z","region":"us-east-1","resources":[],"detail":{{detailJson}}}"""));

    public static SigninAlert Alert(string detailJson, string detailType = SigninEventTypes.ConsoleSignIn) =>
        AlertClassifier.Classify(Event(detailJson, detailType)).Alert
            ?? throw new InvalidOperationException("sample was skipped");

    /// <param name="keepArn">Read a named IAM user's ARN too, as the pipeline does when alerts carry "That wasn't me" links.</param>
    public static SigninAlert AlertFromFile(string name, bool keepArn = false) =>
        AlertClassifier.Classify(SigninEventReader.Read(File(name), keepArn: keepArn)).Alert
            ?? throw new InvalidOperationException(name + " was skipped");

    public static byte[] File(string name) => System.IO.File.ReadAllBytes(Path.Combine(RepoFiles.Events, name));

    /// <summary>Renders wording as plain text (false) or Slack mrkdwn (true).</summary>
    public static string Render(Wording wording, SigninAlert alert, bool mrkdwn = false)
    {
        var text = new TextBuilder(mrkdwn);
        try
        {
            wording(ref text, alert);
            return text.ToString();
        }
        finally
        {
            text.Dispose();
        }
    }

    /// <summary>The Slack payload of an alert, parsed.</summary>
    public static JsonDocument Payload(SigninAlert alert) => JsonDocument.Parse(PayloadBytes(alert));

    /// <summary>The Slack payload of an alert, as the bytes that are POSTed.</summary>
    public static byte[] PayloadBytes(SigninAlert alert)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(2048);
        SlackFormatter.Write(alert, buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
