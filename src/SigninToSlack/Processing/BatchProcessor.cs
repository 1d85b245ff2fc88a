using SigninToSlack.Alerts;
using SigninToSlack.Configuration;

namespace SigninToSlack.Processing;

/// <summary>
/// A batch of events (an SQS batch): every record is read and decided first, without I/O; a success from a source IP
/// that failed before is raised to at least high; failed sign-ins that make a burst are folded into one summary; then
/// the alerts and summaries are delivered one after another, oldest first, as Slack takes about one message a second.
/// Each record's outcome says whether its alert (or its summary) was delivered.
/// </summary>
internal sealed class BatchProcessor(SigninProcessor processor, BurstSettings burst, IFailureHistory history)
{
    /// <param name="deadline">When <paramref name="cancellationToken"/> will fire: the invocation's deadline.</param>
    /// <returns>
    /// The outcomes (each record's, in order, and each summary's after its members), and the records not delivered:
    /// unreadable, failed, or left when the deadline came.
    /// </returns>
    public async Task<BatchResult> ProcessAsync(IReadOnlyList<BatchItem> items, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var policy = processor.Policy;
        var outcomes = new EventOutcome?[items.Count];
        var alerts = new SigninAlert?[items.Count];
        var eventIds = new string?[items.Count];
        var failed = new bool[items.Count];

        // Read everything first: a record that cannot be read fails alone.
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.Body is null)
            {
                failed[i] = true;
                outcomes[i] = EventOutcome.Failed(item.ItemId, null, $"{item.Label} {item.Problem ?? "has no body"}");
                continue;
            }

            try
            {
                var classification = SigninProcessor.Read(item.Body.Value.Span, keepArn: processor.ReadsUserArns);
                eventIds[i] = classification.EventId;
                if (classification.Alert is { } alert)
                {
                    alerts[i] = alert;
                }
                else
                {
                    outcomes[i] = EventOutcome.Skipped(classification.EventId, classification.SkipReason!);
                }
            }
            catch (FunctionException ex)
            {
                failed[i] = true;
                outcomes[i] = EventOutcome.Failed(item.ItemId, null, $"{item.Label}: {ex.Message}");
            }
        }

        // Failures first, as the policy decides them: what it silences neither folds nor raises anything.
        var failures = new List<(SigninAlert Alert, string Id)>();
        var failurePositions = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            if (alerts[i] is { Kind: AlertKind.SignIn, Outcome: Outcome.Failure } failure && Skip(policy, i, failure, outcomes, alerts) is false)
            {
                failures.Add((failure, eventIds[i] ?? items[i].ItemId ?? $"record {i}"));
                failurePositions.Add(i);
            }
        }

        var failureAlerts = failures.ConvertAll(f => f.Alert);
        for (var i = 0; i < items.Count; i++)
        {
            // Everything else: successful sign-ins, which may be raised, and the watcher's and AWS Sign-In's own alerts
            // (a refused change is no failed sign-in: it is neither folded nor counted against its IP).
            if (alerts[i] is { } other && other is not { Kind: AlertKind.SignIn, Outcome: Outcome.Failure })
            {
                if (other is { Kind: AlertKind.SignIn, Outcome: Outcome.Success, SourceIp: { } ip })
                {
                    var before = await history.FailuresBeforeAsync(ip, other.Time, failureAlerts, cancellationToken);
                    if (before > 0)
                    {
                        other = other with { FailedBefore = before, Severity = other.Severity < Severity.High ? Severity.High : other.Severity };
                        alerts[i] = other;
                    }
                }

                Skip(policy, i, other, outcomes, alerts);
            }
        }

        await history.RecordAsync(failureAlerts, cancellationToken);

        // What is sent: each burst, and every alert not folded into one, oldest first.
        var sends = new List<Send>();
        var bursts = BurstFolder.Fold(failures, burst.Threshold);
        foreach (var (summary, members) in bursts)
        {
            var positions = Array.ConvertAll(members, m => failurePositions[m]);
            foreach (var p in positions)
            {
                outcomes[p] = EventOutcome.Folded(eventIds[p], alerts[p]!, summary.Id);
                alerts[p] = null;
            }

            sends.Add(new Send(summary.First, null, summary, positions));
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (alerts[i] is { } alert)
            {
                sends.Add(new Send(alert.Time, alert, null, [i]));
            }
        }

        sends.Sort((a, b) => Nullable.Compare(a.Time, b.Time));
        var summaries = new List<EventOutcome>(bursts.Count);
        foreach (var send in sends)
        {
            EventOutcome outcome;
            if (cancellationToken.IsCancellationRequested)
            {
                outcome = NotSent(send, eventIds);
            }
            else
            {
                try
                {
                    outcome = send.Burst is { } b
                        ? await processor.SendAsync(b, deadline, cancellationToken)
                        : await processor.SendAsync(send.Alert!, eventIds[send.Positions[0]], deadline, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // The deadline: what was delivered is remembered; the rest is named, to be received again.
                    outcome = NotSent(send, eventIds);
                }
            }

            if (outcome.Kind == OutcomeKind.Failed)
            {
                foreach (var p in send.Positions)
                {
                    failed[p] = true;
                }
            }

            if (send.Burst is null)
            {
                outcomes[send.Positions[0]] = outcome;
            }
            else
            {
                summaries.Add(outcome);
            }
        }

        var failedItems = new List<BatchItem>();
        for (var i = 0; i < items.Count; i++)
        {
            if (failed[i])
            {
                failedItems.Add(items[i]);
            }
        }

        return new BatchResult([.. outcomes.Select(o => o!), .. summaries], failedItems);
    }

    /// <summary>Records the policy's skip for the alert at <paramref name="i"/>; true when it is silenced.</summary>
    private static bool Skip(Policy.AlertPolicy policy, int i, SigninAlert alert, EventOutcome?[] outcomes, SigninAlert?[] alerts)
    {
        if (policy.SkipReason(alert) is not { } rule)
        {
            return false;
        }

        outcomes[i] = EventOutcome.Skipped(alert.EventId, rule);
        alerts[i] = null;
        return true;
    }

    private static EventOutcome NotSent(Send send, string?[] eventIds)
    {
        const string Reason = "not sent before the invocation's deadline";
        return send.Burst is { } b
            ? EventOutcome.Failed(b.Id, b.AsAlert(), Reason) with { Sentence = BurstText.PlainSentence(b) }
            : EventOutcome.Failed(eventIds[send.Positions[0]], send.Alert, Reason);
    }

    /// <summary>One message to send: an alert or a burst, and the records it stands for.</summary>
    private sealed record Send(DateTimeOffset? Time, SigninAlert? Alert, BurstSummary? Burst, int[] Positions);
}

/// <summary>One record of a batch: its ID (what the batch response names), the event, or why there is none.</summary>
/// <param name="Label">How a log line names the record, e.g. "SQS record 3 (message 059f36b4-...)".</param>
internal sealed record BatchItem(string? ItemId, ReadOnlyMemory<byte>? Body, string Label, string? Problem = null);

/// <summary>What became of a batch: every outcome, and the records whose alert (or summary) was not delivered.</summary>
internal sealed record BatchResult(IReadOnlyList<EventOutcome> Outcomes, IReadOnlyList<BatchItem> Failed);
