namespace Graft;

/// <summary>What kind of user-facing failure happened; the CLI and the HTTP API map each to an exit code or status.</summary>
public enum FailureKind
{
    Invalid = 1,
    NotFound = 2,
    Conflict = 3,
    Blocked = 4,

    /// <summary>The caller's role may not do it (an override of a gate by someone not an admin).</summary>
    Forbidden = 5,
}

/// <summary>
/// A failure caused by the user's input or the store's state (a missing use case, a malformed file, a blocked
/// gate), carrying a one-line message that names the problem. Bugs and infrastructure failures use other exceptions.
/// </summary>
public sealed class GraftException(FailureKind kind, string message) : Exception(message)
{
    public FailureKind Kind { get; } = kind;

    public static GraftException NotFound(string message) => new(FailureKind.NotFound, message);

    public static GraftException Invalid(string message) => new(FailureKind.Invalid, message);

    public static GraftException Conflict(string message) => new(FailureKind.Conflict, message);

    public static GraftException Blocked(string message) => new(FailureKind.Blocked, message);

    public static GraftException Forbidden(string message) => new(FailureKind.Forbidden, message);
}
