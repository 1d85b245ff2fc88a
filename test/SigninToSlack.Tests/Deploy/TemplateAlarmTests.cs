using System.Globalization;
using SigninToSlack.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace SigninToSlack.Tests.Deploy;

/// <summary>
/// template.yaml's alarms: Lambda's asynchronous-invocation metrics of the function, among them the one that says a
/// sign-in was lost, each fire on the first event; and every alarm tells AlarmTopic.
/// </summary>
public sealed class TemplateAlarmTests
{
    private const string AlarmTopic = "AlarmTopic";

    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Load(RepoFiles.Resolve("template.yaml"));

    [Theory]
    [InlineData("AsyncEventsDropped")]
    [InlineData("DestinationDeliveryFailures")]
    public void AsyncInvocationMetric_Alarm_FiresOnFirstEventToAlarmTopic(string metric)
    {
        // Arrange
        // The notifier: Lambda's asynchronous invocations of it carry the sign-ins.
        var function = Template.Resources.Single(resource => resource.Key == "Function" && resource.Value.TypeName() == "AWS::Serverless::Function").Key;

        // Act
        var alarms = Alarms().Where(alarm => alarm.Value.Properties().Child("MetricName").PlainText() == metric).ToList();

        // Assert
        var (id, alarm) = Assert.Single(alarms);
        Assert.True(alarm.Child("Condition") is null, $"{id} is created only under a condition");
        var properties = alarm.Properties();
        Assert.Equal("AWS/Lambda", properties.Child("Namespace").PlainText());
        var dimension = Assert.IsType<YamlMappingNode>(Assert.Single(properties.Child("Dimensions").Elements()));
        Assert.Equal("FunctionName", dimension.Child("Name").PlainText());
        Assert.Equal(function, dimension.Child("Value")?.RefName());
        Assert.Equal("Sum", properties.Child("Statistic").PlainText());
        Assert.Equal("GreaterThanThreshold", properties.Child("ComparisonOperator").PlainText());
        Assert.Equal(0, double.Parse(properties.Child("Threshold").PlainText()!, CultureInfo.InvariantCulture));
        Assert.Equal("1", properties.Child("EvaluationPeriods").PlainText());
        Assert.InRange(int.Parse(properties.Child("Period").PlainText()!, CultureInfo.InvariantCulture), 10, 300);
        Assert.Equal("notBreaching", properties.Child("TreatMissingData").PlainText());
        Assert.Contains(AlarmTopic, properties.Child("AlarmActions").Elements().Select(action => action.RefName()));
    }

    [Fact]
    public void Alarms_Actions_NotifyAlarmTopic()
    {
        // Arrange
        var topic = Template.Resources.Single(resource => resource.Key == AlarmTopic).Value;

        // Act
        var silent = Alarms()
            .Where(alarm => !alarm.Value.Properties().Child("AlarmActions").Elements().Any(action => action.RefName() == AlarmTopic))
            .Select(alarm => alarm.Key);

        // Assert
        Assert.Equal("AWS::SNS::Topic", topic.TypeName());
        Assert.NotEmpty(Alarms());
        Assert.Empty(silent);
    }

    private static IEnumerable<KeyValuePair<string, YamlMappingNode>> Alarms() =>
        Template.Resources.Where(resource => resource.Value.TypeName() == "AWS::CloudWatch::Alarm");
}
