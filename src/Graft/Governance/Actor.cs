namespace Graft.Governance;

/// <summary>
/// Who did an act, as the audit trail records it. Over HTTP, the key (<c>key:key_…</c>, as <c>graft keys list</c> shows its
/// id) and its role; from the CLI, which acts on the store directly and holds no key, the operating-system user
/// (<c>cli:&lt;user&gt;</c>) in the role <see cref="OperatorRole"/>.
/// </summary>
public sealed record Actor(string Id, string Role)
{
    public const string OperatorRole = "operator";

    /// <summary>Whether this actor may let a move past a gate that does not pass: an admin key, or the operator at the machine.</summary>
    public bool MayOverrideGates => Role is "admin" or OperatorRole;

    /// <summary>Someone at the machine, running the CLI against the store.</summary>
    public static Actor Operator(string userName) => new($"cli:{userName}", OperatorRole);

    /// <summary>A caller over HTTP, by its key's id and role.</summary>
    public static Actor Key(string keyId, string role) => new($"key:{keyId}", role);
}
