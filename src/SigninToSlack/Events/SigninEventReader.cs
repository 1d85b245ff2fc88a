using System.Text.Json;

namespace SigninToSlack.Events;

/// <summary>
/// Reads an EventBridge sign-in event, or a bare CloudTrail record, in one forward pass over its UTF-8 bytes.
/// Only the fields an alert shows become strings; fields needed only as fallbacks are read when they are needed.
/// Names are matched without regard to case, and a field of an unexpected type costs that field, not the event.
/// A second <c>detail</c> or <c>userIdentity</c> (in any case) rejects the event as malformed: JSON parsers disagree on
/// duplicate names (first wins, last wins, or both merged), so EventBridge's rule, CloudTrail's console and this reader
/// could each see a different principal; an alert must not name one that the others might not.
/// </summary>
internal static class SigninEventReader
{
    /// <param name="keepArn">
    /// Also read a named IAM user's ARN, which the alert does not show (its name says who): the "That wasn't me" link
    /// carries it. Off, the per-event path makes no string of it.
    /// </param>
    /// <exception cref="EventFormatException">The input is not a JSON object.</exception>
    public static SigninRecord Read(ReadOnlySpan<byte> json, bool bareRecord = false, bool keepArn = false)
    {
        var reader = new Utf8JsonReader(json, JsonValues.ReaderOptions);
        var record = new SigninRecord();
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new EventFormatException("event is not a JSON object");
            }

            var fallback = new Fallbacks();
            if (bareRecord)
            {
                ReadDetail(ref reader, json, ref record, ref fallback);
            }
            else
            {
                ReadEnvelope(ref reader, json, ref record, ref fallback);
            }

            record.EventId ??= JsonValues.TextAt(json, fallback.Id);
            record.Account ??= JsonValues.TextAt(json, fallback.Account) ?? JsonValues.TextAt(json, fallback.IdentityAccount);
            record.Region ??= JsonValues.TextAt(json, fallback.Region);
            record.Time ??= TimeAt(json, fallback.Time);
            if (keepArn)
            {
                record.IdentityArn ??= JsonValues.TextAt(json, fallback.UserArn);
            }

            ReadFields(json, ref record, in fallback);
            return record;
        }
        catch (JsonException ex)
        {
            throw new EventFormatException($"event is not valid JSON: {JsonValues.Describe(ex)}", ex);
        }
    }

    /// <summary>Token positions of values read only when the preferred field is missing (-1: none).</summary>
    private struct Fallbacks()
    {
        public int Id = -1;
        public int Account = -1;
        public int Region = -1;
        public int Time = -1;
        public int IdentityAccount = -1;

        /// <summary>A named IAM user's ARN, which only the "That wasn't me" link needs.</summary>
        public int UserArn = -1;
        public int Detail = -1;
        public int RequestParameters = -1;
    }

    /// <summary>The most request parameters, or detail fields, an alert keeps.</summary>
    internal const int MaxFields = 20;

    // Fields an alert shows on its own lines, so the generic list leaves them out.
    private static readonly HashSet<string> ShownDetailNames = new(
        ["userIdentity", "eventTime", "awsRegion", "recipientAccountId", "eventID", "eventName", "eventSource", "eventType", "sourceIPAddress", "userAgent"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Only API calls and sign-in service events of other detail-types show fields generically, so a sign-in costs no
    /// second pass.
    /// </summary>
    private static void ReadFields(ReadOnlySpan<byte> json, ref SigninRecord record, in Fallbacks fallback)
    {
        if (fallback.RequestParameters >= 0
            && (record.DetailType == SigninEventTypes.ApiCall || string.Equals(record.EventType, "AwsApiCall", StringComparison.OrdinalIgnoreCase)))
        {
            record.RequestFields = ScalarFields.Read(json, fallback.RequestParameters, MaxFields, skip: null, out var omitted);
            record.RequestFieldsOmitted = omitted;
        }
        else if (fallback.Detail >= 0 && record.Source == SigninEventTypes.Source && !SigninEventTypes.IsSignin(record.DetailType)
            && record.DetailType != SigninEventTypes.ApiCall)
        {
            record.DetailFields = ScalarFields.Read(json, fallback.Detail, MaxFields, ShownDetailNames.Contains, out var omitted);
            record.DetailFieldsOmitted = omitted;
        }
    }

    private static void ReadEnvelope(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ref SigninRecord record, ref Fallbacks fallback)
    {
        var seenDetail = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader);
            if (name == Name.Detail)
            {
                Once(ref seenDetail, "detail");
            }

            reader.Read();
            switch (name)
            {
                case Name.Detail when reader.TokenType == JsonTokenType.StartObject:
                    record.HasDetail = true;
                    fallback.Detail = (int)reader.TokenStartIndex;
                    ReadDetail(ref reader, json, ref record, ref fallback);
                    break;
                case Name.DetailType:
                    record.DetailType = JsonValues.Known(ref reader, KnownValues.DetailTypes);
                    break;
                case Name.Source:
                    record.Source = JsonValues.Known(ref reader, KnownValues.Sources);
                    break;
                case Name.Id:
                    fallback.Id = Remember(ref reader);
                    break;
                case Name.Account:
                    fallback.Account = Remember(ref reader);
                    break;
                case Name.Region:
                    fallback.Region = Remember(ref reader);
                    break;
                case Name.Time:
                    fallback.Time = Remember(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }

    private static void ReadDetail(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ref SigninRecord record, ref Fallbacks fallback)
    {
        int response = -1, service = -1;
        var seenIdentity = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader);
            if (name == Name.UserIdentity)
            {
                Once(ref seenIdentity, "userIdentity");
            }

            reader.Read();
            switch (name)
            {
                case Name.EventName:
                    record.EventName = JsonValues.Known(ref reader, KnownValues.EventNames);
                    break;
                case Name.EventTime:
                    record.Time = Time(ref reader);
                    break;
                case Name.EventSource:
                    record.EventSource = JsonValues.Known(ref reader, KnownValues.EventSources);
                    break;
                case Name.AwsRegion:
                    record.Region = JsonValues.Known(ref reader, KnownValues.Regions);
                    break;
                case Name.SourceIpAddress:
                    record.SourceIp = JsonValues.Text(ref reader);
                    break;
                case Name.UserAgent:
                    record.UserAgent = JsonValues.Text(ref reader);
                    break;
                case Name.ErrorCode:
                    record.ErrorCode = JsonValues.Text(ref reader);
                    break;
                case Name.ErrorMessage:
                    record.ErrorMessage = JsonValues.Known(ref reader, KnownValues.ErrorMessages);
                    break;
                case Name.EventId:
                    record.EventId = JsonValues.Text(ref reader);
                    break;
                case Name.EventType:
                    record.EventType = JsonValues.Known(ref reader, KnownValues.EventTypes);
                    break;
                case Name.RecipientAccountId:
                    record.Account = JsonValues.Text(ref reader);
                    break;
                case Name.UserIdentity when reader.TokenType == JsonTokenType.StartObject:
                    ReadIdentity(ref reader, json, ref record, ref fallback);
                    break;
                case Name.AdditionalEventData when reader.TokenType == JsonTokenType.StartObject:
                    ReadAdditional(ref reader, ref record);
                    break;
                case Name.ResponseElements when reader.TokenType == JsonTokenType.StartObject:
                    response = (int)reader.TokenStartIndex;
                    reader.Skip();
                    break;
                case Name.ServiceEventDetails when reader.TokenType == JsonTokenType.StartObject:
                    service = (int)reader.TokenStartIndex;
                    reader.Skip();
                    break;
                case Name.RequestParameters when reader.TokenType == JsonTokenType.StartObject:
                    fallback.RequestParameters = Remember(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        // The outcome sits under the event's own name, which may come after these objects in the record.
        if (record.EventName is { } eventName)
        {
            record.ResponseOutcome = OutcomeAt(json, response, eventName, out _);
            record.ServiceOutcome = OutcomeAt(json, service, eventName, out var reason);
            record.ServiceFailureReason = reason;
        }
    }

    private static void ReadIdentity(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ref SigninRecord record, ref Fallbacks fallback)
    {
        int arn = -1, principalId = -1, onBehalfOf = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader);
            reader.Read();
            switch (name)
            {
                case Name.Type:
                    record.IdentityType = JsonValues.Known(ref reader, KnownValues.IdentityTypes);
                    break;
                case Name.UserName:
                    record.IdentityUserName = JsonValues.Known(ref reader, KnownValues.UserNames);
                    break;
                case Name.Arn:
                    arn = Remember(ref reader);
                    break;
                case Name.PrincipalId:
                    principalId = Remember(ref reader);
                    break;
                case Name.AccountId:
                    fallback.IdentityAccount = Remember(ref reader);
                    break;
                case Name.SessionContext when reader.TokenType == JsonTokenType.StartObject:
                    (record.IssuerUserName, record.IssuerArn) = Issuer(ref reader);
                    break;
                case Name.OnBehalfOf when reader.TokenType == JsonTokenType.StartObject:
                    onBehalfOf = UserIdAt(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        // The ARN and ids name the principal only when the user name does not, or for sessions.
        var named = record.IdentityUserName is not null;
        if (!named || record.IdentityType is not ("IAMUser" or "Root"))
        {
            record.IdentityArn = JsonValues.TextAt(json, arn);
        }
        else if (record.IdentityType == "IAMUser")
        {
            fallback.UserArn = arn;
        }

        if (!named)
        {
            record.IdentityPrincipalId = JsonValues.TextAt(json, principalId);
            record.OnBehalfOfUserId = JsonValues.TextAt(json, onBehalfOf);
        }
        else if (record.IdentityType == "AssumedRole" && arn < 0)
        {
            record.IdentityPrincipalId = JsonValues.TextAt(json, principalId);
        }
    }

    private static void ReadAdditional(ref Utf8JsonReader reader, ref SigninRecord record)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader);
            reader.Read();
            switch (name)
            {
                case Name.MfaUsed:
                    record.MfaUsed = JsonValues.Known(ref reader, KnownValues.YesNo);
                    break;
                case Name.UserName:
                    record.ExtraUserName = JsonValues.Known(ref reader, KnownValues.UserNames);
                    break;
                case Name.CredentialType:
                    record.CredentialType = JsonValues.Known(ref reader, KnownValues.CredentialTypes);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }

    /// <summary>sessionContext.sessionIssuer.userName and .arn; the reader ends on the end of sessionContext.</summary>
    private static (string? UserName, string? Arn) Issuer(ref Utf8JsonReader reader)
    {
        string? userName = null, arn = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isIssuer = JsonValues.NameIs(ref reader, "sessionIssuer"u8);
            reader.Read();
            if (!isIssuer || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isUserName = JsonValues.NameIs(ref reader, "userName"u8);
                var isArn = !isUserName && JsonValues.NameIs(ref reader, "arn"u8);
                reader.Read();
                if (isUserName)
                {
                    userName = JsonValues.Text(ref reader);
                }
                else if (isArn)
                {
                    arn = JsonValues.Text(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return (userName, arn);
    }

    /// <summary>The token position of onBehalfOf.userId; the reader ends on the end of onBehalfOf.</summary>
    private static int UserIdAt(ref Utf8JsonReader reader)
    {
        var at = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isUserId = JsonValues.NameIs(ref reader, "userId"u8);
            reader.Read();
            if (isUserId)
            {
                at = Remember(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return at;
    }

    /// <exception cref="EventFormatException">The name came before (see the type's summary for why that rejects the event).</exception>
    private static void Once(ref bool seen, string name)
    {
        if (seen)
        {
            throw new EventFormatException($"event is malformed: it has more than one '{name}'");
        }

        seen = true;
    }

    /// <summary>Remembers where a value starts, to read it later only if needed; skips it.</summary>
    private static int Remember(ref Utf8JsonReader reader)
    {
        var at = (int)reader.TokenStartIndex;
        reader.Skip();
        return at;
    }

    private static RecordedOutcome OutcomeAt(ReadOnlySpan<byte> json, int objectStart, string eventName, out string? failureReason)
    {
        failureReason = null;
        if (objectStart < 0)
        {
            return RecordedOutcome.None;
        }

        var outcome = RecordedOutcome.None;
        var reader = new Utf8JsonReader(json[objectStart..], JsonValues.ReaderOptions);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isOutcome = !reader.ValueIsEscaped && !reader.HasValueSequence && System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, eventName);
            var isReason = !isOutcome && JsonValues.NameIs(ref reader, "FailureReason"u8);
            reader.Read();
            if (isOutcome)
            {
                outcome = JsonValues.Outcome(ref reader);
            }
            else if (isReason)
            {
                failureReason = JsonValues.Text(ref reader);
            }

            reader.Skip();
        }

        return outcome;
    }

    private static DateTimeOffset? Time(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var time))
        {
            return time.ToUniversalTime();
        }

        return DateTimeOffset.TryParse(
            JsonValues.Text(ref reader),
            System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal,
            out var parsed)
            ? parsed
            : null;
    }

    private static DateTimeOffset? TimeAt(ReadOnlySpan<byte> json, int tokenStart)
    {
        if (tokenStart < 0)
        {
            return null;
        }

        var reader = new Utf8JsonReader(json[tokenStart..], JsonValues.ReaderOptions);
        return reader.Read() ? Time(ref reader) : null;
    }

    /// <summary>Which of the names this reader looks for the current property is; the same name in any case counts.</summary>
    private static Name PropertyName(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            // Rare: compare the unescaped name.
            return NameOf(System.Text.Encoding.UTF8.GetBytes(JsonValues.Unescaped(ref reader)));
        }

        return NameOf(reader.ValueSpan);
    }

    // The name is folded to lower case once, then matched by length and exact comparison: real records use one
    // casing, but AWS has varied it, and a name in another case must not cost the field.
    private static Name NameOf(ReadOnlySpan<byte> name)
    {
        if (name.Length is < 2 or > 19)
        {
            return Name.Other;
        }

        Span<byte> n = stackalloc byte[name.Length];
        System.Text.Ascii.ToLower(name, n, out _);
        return n.Length switch
        {
            2 when n.SequenceEqual("id"u8) => Name.Id,
            3 when n.SequenceEqual("arn"u8) => Name.Arn,
            4 when n.SequenceEqual("time"u8) => Name.Time,
            4 when n.SequenceEqual("type"u8) => Name.Type,
            6 when n.SequenceEqual("detail"u8) => Name.Detail,
            6 when n.SequenceEqual("source"u8) => Name.Source,
            6 when n.SequenceEqual("region"u8) => Name.Region,
            7 when n.SequenceEqual("account"u8) => Name.Account,
            7 when n.SequenceEqual("eventid"u8) => Name.EventId,
            7 when n.SequenceEqual("mfaused"u8) => Name.MfaUsed,
            8 when n.SequenceEqual("username"u8) => Name.UserName,
            9 when n.SequenceEqual("eventname"u8) => Name.EventName,
            9 when n.SequenceEqual("eventtime"u8) => Name.EventTime,
            9 when n.SequenceEqual("awsregion"u8) => Name.AwsRegion,
            9 when n.SequenceEqual("useragent"u8) => Name.UserAgent,
            9 when n.SequenceEqual("errorcode"u8) => Name.ErrorCode,
            9 when n.SequenceEqual("eventtype"u8) => Name.EventType,
            9 when n.SequenceEqual("accountid"u8) => Name.AccountId,
            10 when n.SequenceEqual("onbehalfof"u8) => Name.OnBehalfOf,
            11 when n.SequenceEqual("detail-type"u8) => Name.DetailType,
            11 when n.SequenceEqual("eventsource"u8) => Name.EventSource,
            11 when n.SequenceEqual("principalid"u8) => Name.PrincipalId,
            12 when n.SequenceEqual("errormessage"u8) => Name.ErrorMessage,
            12 when n.SequenceEqual("useridentity"u8) => Name.UserIdentity,
            14 when n.SequenceEqual("sessioncontext"u8) => Name.SessionContext,
            14 when n.SequenceEqual("credentialtype"u8) => Name.CredentialType,
            15 when n.SequenceEqual("sourceipaddress"u8) => Name.SourceIpAddress,
            16 when n.SequenceEqual("responseelements"u8) => Name.ResponseElements,
            17 when n.SequenceEqual("requestparameters"u8) => Name.RequestParameters,
            18 when n.SequenceEqual("recipientaccountid"u8) => Name.RecipientAccountId,
            19 when n.SequenceEqual("additionaleventdata"u8) => Name.AdditionalEventData,
            19 when n.SequenceEqual("serviceeventdetails"u8) => Name.ServiceEventDetails,
            _ => Name.Other,
        };
    }

    /// <summary>The property names this reader looks for.</summary>
    private enum Name
    {
        Other,
        Id,
        Detail,
        DetailType,
        Source,
        Account,
        Region,
        Time,
        EventName,
        EventTime,
        EventSource,
        AwsRegion,
        SourceIpAddress,
        UserAgent,
        ErrorCode,
        ErrorMessage,
        EventId,
        EventType,
        RecipientAccountId,
        UserIdentity,
        AdditionalEventData,
        ResponseElements,
        ServiceEventDetails,
        RequestParameters,
        Type,
        UserName,
        Arn,
        PrincipalId,
        AccountId,
        SessionContext,
        OnBehalfOf,
        MfaUsed,
        CredentialType,
    }
}
