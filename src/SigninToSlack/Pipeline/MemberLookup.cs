namespace SigninToSlack.Pipeline;

/// <summary>A person's member ID, or (null) the problem that kept it unknown, to log.</summary>
internal readonly record struct MemberLookup(string? MemberId, string? Problem = null);
