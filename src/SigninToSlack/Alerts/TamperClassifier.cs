using SigninToSlack.Events;

namespace SigninToSlack.Alerts;

/// <summary>
/// Turns an API call that the watcher's rule delivered into a tamper alert: critical when it went through, high when it
/// was refused. A call of a kind the watcher does not alert on (another rule's event, a read-only call) is skipped.
/// </summary>
internal static class TamperClassifier
{
    public static Classification Classify(in SigninRecord record)
    {
        if (TamperActions.Find(record.EventSource, record.EventName) is not { } action)
        {
            return Classification.Skip("API call is not a change the watcher alerts on", record.EventId);
        }

        var refused = !string.IsNullOrEmpty(record.ErrorCode) || !string.IsNullOrEmpty(record.ErrorMessage);
        var fields = record.RequestFields ?? [];
        var resource = ResourceOf(fields, action);
        if (action.ResourceFields[0] == "functionName" && record.EventName!.StartsWith("PutFunctionConcurrency", StringComparison.Ordinal)
            && Field(fields, "reservedConcurrentExecutions") == "0")
        {
            action = TamperActions.FunctionStopped;
        }

        var shown = new List<KeyValuePair<string, string>>(fields.Count);
        foreach (var field in fields)
        {
            if (!TamperActions.IsWithheld(field.Key) && Array.IndexOf(action.ResourceFields, field.Key) < 0)
            {
                shown.Add(field);
            }
        }

        var alert = AlertClassifier.FromRecord(
            in record,
            refused ? Severity.High : Severity.Critical,
            AlertClassifier.ResolvePrincipal(in record),
            refused ? Outcome.Failure : Outcome.Success,
            MfaStatus.NotApplicable,
            refused ? record.ErrorCode ?? record.ErrorMessage : null);
        return new Classification(
            alert with
            {
                Kind = AlertKind.Tamper,
                Change = action,
                EventSource = record.EventSource,
                Resource = resource,
                Fields = shown,
                FieldsOmitted = record.RequestFieldsOmitted,
            },
            null,
            record.EventId);
    }

    private static string? ResourceOf(IReadOnlyList<KeyValuePair<string, string>> fields, TamperAction action)
    {
        foreach (var name in action.ResourceFields)
        {
            if (Field(fields, name) is { } value)
            {
                return value;
            }
        }

        return action.DefaultResource;
    }

    private static string? Field(IReadOnlyList<KeyValuePair<string, string>> fields, string name)
    {
        foreach (var field in fields)
        {
            if (string.Equals(field.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return field.Value;
            }
        }

        return null;
    }
}
