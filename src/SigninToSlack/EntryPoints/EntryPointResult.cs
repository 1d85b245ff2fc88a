using SigninToSlack.Processing;

namespace SigninToSlack.EntryPoints;

/// <summary>
/// What an entry point made of one invocation: each event's outcome and, for an entry point that answers for its
/// records itself (SQS's batch response), the response body. With a body, the invocation succeeds whatever the
/// outcomes, because the body names what failed; without one, a failed event fails the invocation.
/// </summary>
internal sealed record EntryPointResult(IReadOnlyList<EventOutcome> Outcomes, byte[]? Response = null);
