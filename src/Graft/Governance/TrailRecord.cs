namespace Graft.Governance;

/// <summary>
/// What a change tells the trail it did: the act (<see cref="TrailActs"/>), its use case when it has one, what it acted on,
/// why when someone said, and the state before and after as objects written as compact JSON. They must be masked: never a
/// secret, never an input value (docs/trail.md). State a later reader reduces goes under <see cref="TrailStateKeys"/>.
/// </summary>
public sealed record TrailRecord(string Act, string? UseCase, string Subject, object? Before = null, object? After = null, string? Reason = null);
