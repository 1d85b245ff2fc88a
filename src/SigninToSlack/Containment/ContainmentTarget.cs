using SigninToSlack.Identity;

namespace SigninToSlack.Containment;

/// <summary>What kind of principal signed in, as far as containment is concerned.</summary>
internal enum TargetKind
{
    IamUser,
    Role,
    IdentityCenter,
    Root,
    Other,
}

/// <summary>
/// The principal an ARN names: <c>arn:aws:iam::&lt;account&gt;:user/[path/]name</c>,
/// <c>arn:aws:sts::&lt;account&gt;:assumed-role/name/session</c> (an <c>AWSReservedSSO_&lt;permission set&gt;_&lt;id&gt;</c> role is
/// IAM Identity Center's), <c>arn:aws:iam::&lt;account&gt;:role/[path/]name</c> or <c>arn:aws:iam::&lt;account&gt;:root</c>.
/// </summary>
internal sealed record ContainmentTarget(string Arn, string Account, TargetKind Kind, string Name, string? Session = null, string? PermissionSet = null)
{
    /// <summary>Null when <paramref name="arn"/> is not an IAM or STS ARN of an account.</summary>
    public static ContainmentTarget? Parse(string arn)
    {
        if (!AwsNames.TryParseArn(arn, out var service, out var account, out var segments))
        {
            return null;
        }

        return (service, segments[0]) switch
        {
            ("iam", "root") when segments.Length == 1 => new ContainmentTarget(arn, account, TargetKind.Root, "root"),
            ("iam", "user") when segments.Length >= 2 && AwsNames.IsIamName(segments[^1]) => new ContainmentTarget(arn, account, TargetKind.IamUser, segments[^1]),
            ("iam", "role") when segments.Length >= 2 && AwsNames.IsIamName(segments[^1]) => Role(arn, account, segments[^1], null),
            ("sts", "assumed-role") when segments.Length == 3 && AwsNames.IsIamName(segments[1]) => Role(arn, account, segments[1], segments[2]),
            ("sts", _) or ("iam", _) when segments.Length >= 2 => new ContainmentTarget(arn, account, TargetKind.Other, segments[^1]),
            _ => null,
        };
    }

    private static ContainmentTarget Role(string arn, string account, string name, string? session)
    {
        // Judged by its name here: the ARN of a session does not carry the role's path. Containment reads the role's
        // own ARN before it acts (see Containment.ResolveAsync): a role of that name outside Identity Center's path is
        // someone's own role, and contained as one.
        return AwsNames.HasIdentityCenterName(name)
            ? new ContainmentTarget(arn, account, TargetKind.IdentityCenter, name, session, AwsNames.PermissionSetOf(name))
            : new ContainmentTarget(arn, account, TargetKind.Role, name, session);
    }
}
