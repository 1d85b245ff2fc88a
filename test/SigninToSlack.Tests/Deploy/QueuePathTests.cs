using System.Globalization;
using SigninToSlack.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace SigninToSlack.Tests.Deploy;

/// <summary>
/// template.yaml's DeliveryPath Queue: a queue whose records outlive no batch, a dead-letter queue after five
/// receives, an event source mapping that batches and reports item failures, and alarms on both queues.
/// </summary>
public sealed class QueuePathTests
{
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Load(RepoFiles.Resolve("template.yaml"));

    private static YamlMappingNode Resource(string name) => Template.Resources.Single(r => r.Key == name).Value;

    private static YamlMappingNode Parameter(string name) => Template.Parameters.Single(p => p.Key == name).Value;

    private static int Number(YamlNode? node) => int.Parse(node.PlainText()!, CultureInfo.InvariantCulture);

    [Fact]
    public void Queue_VisibilityTimeout_AtLeastSixLongestTimeoutsAndTheWindow()
    {
        var queue = Resource("SigninQueue").Properties();

        var visibility = Number(queue.Child("VisibilityTimeout"));

        Assert.True(visibility >= (6 * Number(Parameter("Timeout").Child("MaxValue"))) + Number(Parameter("QueueBatchingWindowSeconds").Child("MaxValue")), $"VisibilityTimeout {visibility}");
        var redrive = (YamlMappingNode)queue.Child("RedrivePolicy")!;
        Assert.Equal(("SigninQueueDeadLetterQueue", "Arn"), redrive.Child("deadLetterTargetArn")!.GetAtt());
        Assert.InRange(Number(redrive.Child("maxReceiveCount")), 3, 10);
    }

    [Fact]
    public void Mapping_Properties_BatchOf100WithWindowAndItemFailures()
    {
        var mapping = Resource("SigninQueueMapping").Properties();

        Assert.Equal(("SigninQueue", "Arn"), mapping.Child("EventSourceArn")!.GetAtt());
        Assert.Equal(100, Number(mapping.Child("BatchSize")));
        Assert.Equal("QueueBatchingWindowSeconds", mapping.Child("MaximumBatchingWindowInSeconds")!.RefName());
        Assert.Equal(60, Number(Parameter("QueueBatchingWindowSeconds").Child("MaxValue")));
        Assert.Equal(["ReportBatchItemFailures"], mapping.Child("FunctionResponseTypes").Elements().Select(e => e.PlainText()));
    }

    [Theory]
    [InlineData("SigninQueueDeadLetterQueue", "ApproximateNumberOfMessagesVisible")]
    [InlineData("SigninQueue", "ApproximateAgeOfOldestMessage")]
    public void Queue_Metric_HasAnAlarm(string queue, string metric)
    {
        var alarms = Template.Resources.Where(r => r.Value.TypeName() == "AWS::CloudWatch::Alarm").Select(r => r.Value.Properties());

        Assert.Contains(alarms, alarm => alarm.Child("MetricName").PlainText() == metric
            && alarm.Child("Dimensions").Elements().Any(d => ((YamlMappingNode)d).Child("Value")!.GetAtt() == (queue, "QueueName")));
    }

    [Fact]
    public void Function_Handler_IsSqsOnTheQueuePath()
    {
        var handler = Resource("Function").Properties().Child("Environment") is YamlMappingNode environment
            ? ((YamlMappingNode)environment.Child("Variables")!).Child("SIGNIN_HANDLER")
            : null;

        Assert.Equal(["Sqs", "Ref DeliveryPath"], handler!.Alternatives().Select(a => a.Describe()));
        Assert.Contains("Queue", Parameter("DeliveryPath").Child("AllowedValues").Elements().Select(e => e.PlainText()));
    }
}
