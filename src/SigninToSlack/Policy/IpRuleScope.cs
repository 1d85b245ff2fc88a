namespace SigninToSlack.Policy;

/// <summary>What SIGNIN_IGNORE_SOURCE_IPS may silence beyond successful sign-ins of non-root principals.</summary>
[Flags]
internal enum IpRuleScope
{
    None = 0,
    Failures = 1,
    Root = 2,
}
