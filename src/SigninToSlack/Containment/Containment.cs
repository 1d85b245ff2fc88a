using System.Globalization;
using SigninToSlack.Iam;
using SigninToSlack.Identity;

namespace SigninToSlack.Containment;

/// <summary>
/// Contains a principal that was reported ("that wasn't me") through IAM, and undoes it. An IAM user gets the deny
/// policy and has its active access keys deactivated (each one recorded, so that undo reactivates exactly those;
/// the console password stays, so that undo is possible); a role gets the revoke-older-sessions deny, which ends
/// every current session of the role. Root, this product's own roles, AWS's service roles and principals tagged
/// <see cref="ProtectedTag"/> are never touched; IAM Identity Center's roles cannot be changed through IAM, so
/// those come back as needing an administrator.
/// </summary>
internal sealed class Containment(IamClient iam, string account, IReadOnlySet<string> ownPrincipals, TimeProvider timeProvider)
{
    public const string PolicyName = "SigninToSlackQuarantine";
    public const string ProtectedTag = "signin-to-slack:protected";

    /// <summary>IAM Identity Center's documented steps to disable a user and end their sessions.</summary>
    public const string IdentityCenterGuide = "https://docs.aws.amazon.com/singlesignon/latest/userguide/revoke-user-permissions.html";

    private const string ServiceRolePrefix = "AWSServiceRoleFor";

    /// <exception cref="IamException">Nothing was changed: the first change (the deny policy) or a check before it failed.</exception>
    public async Task<ContainmentResult> ContainAsync(ContainmentTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var now = timeProvider.GetUtcNow();
        (target, var refused) = await CheckAsync(target, now, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        switch (target.Kind)
        {
            case TargetKind.IamUser:
                return await ContainUserAsync(target, now, cancellationToken);
            case TargetKind.Role:
                await iam.PutRolePolicyAsync(target.Name, PolicyName, RoleDeny(now), cancellationToken);
                return new ContainmentResult(
                    ContainmentOutcome.Done,
                    target,
                    now,
                    $"role {target.Name}: policy {PolicyName} denies every session issued before {Clock(now)}: every current session of the role ends",
                    []);
            case TargetKind.IdentityCenter:
                return new ContainmentResult(
                    ContainmentOutcome.NeedsAction,
                    target,
                    now,
                    $"IAM Identity Center user {target.Session ?? "(unnamed)"} (permission set {target.PermissionSet}): its roles cannot be changed through IAM; disable the user and end their sessions in IAM Identity Center: {IdentityCenterGuide}",
                    []);
            default:
                return new ContainmentResult(
                    ContainmentOutcome.NeedsAction, target, now, $"{target.Arn}: this kind of session cannot be contained through IAM; end it where it was issued", []);
        }
    }

    /// <summary>
    /// Lets a user back in: the policy keeps only its dated deny (sessions issued before <paramref name="containedAt"/>,
    /// the intruder's among them, stay ended; new sign-ins work) and <paramref name="keys"/>, the keys the containment
    /// deactivated, are reactivated. A role's containment blocks no new session, so there is nothing to undo: its
    /// dated deny stays, lest the sessions it ended come back.
    /// </summary>
    /// <param name="containedAt">The time the containment's dated deny names; null (an older token): the policy is removed.</param>
    /// <exception cref="IamException">Nothing was changed: the policy could not be changed.</exception>
    public async Task<ContainmentResult> UndoAsync(ContainmentTarget target, IReadOnlyList<string> keys, CancellationToken cancellationToken, DateTimeOffset? containedAt = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(keys);
        var now = timeProvider.GetUtcNow();
        (target, var refused) = await CheckAsync(target, now, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        switch (target.Kind)
        {
            case TargetKind.IamUser:
                if (containedAt is { } at)
                {
                    await iam.PutUserPolicyAsync(target.Name, PolicyName, RoleDeny(at), cancellationToken);
                }
                else
                {
                    await IgnoringMissingAsync(() => iam.DeleteUserPolicyAsync(target.Name, PolicyName, cancellationToken));
                }

                var restored = new List<string>();
                var problems = new List<string>();
                foreach (var key in keys)
                {
                    try
                    {
                        await iam.UpdateAccessKeyAsync(target.Name, key, active: true, cancellationToken);
                        restored.Add(key);
                    }
                    catch (IamException ex)
                    {
                        problems.Add($"key {key}: {ex.Code}");
                    }
                }

                return new ContainmentResult(
                    ContainmentOutcome.Done,
                    target,
                    now,
                    containedAt is { } kept
                        ? $"user {target.Name}: policy {PolicyName} now only denies sessions issued before {Clock(kept)} (those stay ended; new sign-ins work); {Keys(restored, "reactivated")}"
                        : $"user {target.Name}: policy {PolicyName} removed; {Keys(restored, "reactivated")}",
                    restored,
                    problems.Count == 0 ? null : $"not reactivated: {string.Join(", ", problems)}");
            case TargetKind.Role:
                return new ContainmentResult(
                    ContainmentOutcome.NeedsAction,
                    target,
                    now,
                    $"role {target.Name}: nothing to undo: policy {PolicyName} ends only the sessions issued before the containment, and new ones work; delete it by hand once those sessions have expired",
                    []);
            default:
                return new ContainmentResult(ContainmentOutcome.NeedsAction, target, now, $"{target.Arn}: nothing was changed through IAM, so there is nothing to undo here", []);
        }
    }

    private async Task<ContainmentResult> ContainUserAsync(ContainmentTarget target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The policy first: it ends the sessions already issued at once, whatever happens to the keys after it.
        await iam.PutUserPolicyAsync(target.Name, PolicyName, UserDeny(now), cancellationToken);
        var deactivated = new List<string>();
        string? problem = null;
        try
        {
            foreach (var key in await iam.ListAccessKeysAsync(target.Name, cancellationToken))
            {
                if (key.Active)
                {
                    await iam.UpdateAccessKeyAsync(target.Name, key.Id, active: false, cancellationToken);
                    deactivated.Add(key.Id);
                }
            }
        }
        catch (IamException ex)
        {
            // Keep what was done: the undo must reactivate the keys already deactivated.
            problem = ex.Message;
        }

        return new ContainmentResult(
            ContainmentOutcome.Done,
            target,
            now,
            $"user {target.Name}: policy {PolicyName} denies every action from {Clock(now)}; {Keys(deactivated, "deactivated")}; the console password is kept",
            deactivated,
            problem);
    }

    /// <summary>The target as IAM knows it (an Identity Center name checked against its role), and the refusal when it is never touched.</summary>
    private async Task<(ContainmentTarget Target, ContainmentResult? Refused)> CheckAsync(ContainmentTarget target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        target = await ResolveAsync(target, cancellationToken);
        return (target, await NeverTouchedAsync(target, cancellationToken) is { } refusal
            ? new ContainmentResult(ContainmentOutcome.Refused, target, now, refusal, [])
            : null);
    }

    /// <summary>
    /// A session ARN does not carry its role's path, so an AWSReservedSSO_ name is checked against the role itself:
    /// only a role under Identity Center's path is Identity Center's; one of that name elsewhere is contained as a role.
    /// </summary>
    private async Task<ContainmentTarget> ResolveAsync(ContainmentTarget target, CancellationToken cancellationToken)
    {
        if (target.Kind != TargetKind.IdentityCenter || target.Account != account)
        {
            return target;
        }

        return AwsNames.IsIdentityCenterRoleArn(await iam.GetRoleArnAsync(target.Name, cancellationToken))
            ? target
            : target with { Kind = TargetKind.Role, PermissionSet = null };
    }

    /// <summary>Why this principal is never contained; null when it may be.</summary>
    private async Task<string?> NeverTouchedAsync(ContainmentTarget target, CancellationToken cancellationToken)
    {
        if (target.Account != account)
        {
            return $"{target.Arn} is not in this function's account";
        }

        if (target.Kind == TargetKind.Root)
        {
            return $"the root user of {target.Account} is never contained: secure it by hand";
        }

        if (target.Kind is not (TargetKind.IamUser or TargetKind.Role))
        {
            return null;
        }

        if (ownPrincipals.Contains(target.Name) || target.Name.StartsWith(ServiceRolePrefix, StringComparison.Ordinal))
        {
            return $"{target.Name} is this product's own or AWS's: it is never contained";
        }

        var tags = target.Kind == TargetKind.IamUser
            ? await iam.ListUserTagsAsync(target.Name, cancellationToken)
            : await iam.ListRoleTagsAsync(target.Name, cancellationToken);
        return tags.ContainsKey(ProtectedTag) ? $"{target.Name} is tagged {ProtectedTag}: it is never contained" : null;
    }

    /// <summary>
    /// Two statements: the dated one is IAM's own revocation (sessions issued before now), and stays true if an
    /// administrator deletes the other to let the user back in; the other denies everything while the policy is on,
    /// including a new sign-in with the password the containment keeps.
    /// </summary>
    internal static string UserDeny(DateTimeOffset now) =>
        $$$$"""{"Version":"2012-10-17","Statement":[{"Sid":"DenySessionsIssuedBeforeContainment","Effect":"Deny","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:TokenIssueTime":"{{{{Iso(now)}}}}"}}},{"Sid":"DenyEverythingWhileQuarantined","Effect":"Deny","Action":"*","Resource":"*"}]}""";

    /// <summary>The revoke-older-sessions deny: sessions issued later (the role's legitimate users, once they sign in again) work.</summary>
    internal static string RoleDeny(DateTimeOffset now) =>
        $$$$"""{"Version":"2012-10-17","Statement":[{"Sid":"DenySessionsIssuedBeforeContainment","Effect":"Deny","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:TokenIssueTime":"{{{{Iso(now)}}}}"}}}]}""";

    private static async Task IgnoringMissingAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (IamException ex) when (ex.Code == "NoSuchEntity")
        {
            // Already removed (by hand, or by an earlier undo): the state undo wants.
        }
    }

    private static string Keys(List<string> keys, string what) =>
        keys.Count == 0 ? $"no access key {what}" : $"access keys {what}: {string.Join(", ", keys)}";

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Clock(DateTimeOffset time) => time.UtcDateTime.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
