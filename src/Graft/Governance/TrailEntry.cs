namespace Graft.Governance;

/// <summary>
/// One entry of the audit trail, as stored: numbered 1, 2, 3, … without gaps, holding the hash of the entry before it
/// and its own, SHA-256 over <see cref="TrailEncoding"/>'s bytes of everything else. Never changed once written.
/// </summary>
public sealed class TrailEntry
{
    private TrailEntry() { }

    /// <summary>The entry after one whose hash is <paramref name="previousHash"/> (<see cref="TrailEncoding.Genesis"/> for the first).</summary>
    public TrailEntry(long sequence, DateTime at, Actor actor, TrailRecord record, string? before, string? after, byte[] previousHash)
    {
        Sequence = sequence;
        At = TrailEncoding.ToMicroseconds(at); // what every store keeps of a time, so the hash is the same read back
        ActorId = actor.Id;
        ActorRole = actor.Role;
        Act = record.Act;
        UseCaseId = record.UseCase;
        Subject = record.Subject;
        Reason = record.Reason;
        Before = before;
        After = after;
        PreviousHash = previousHash;
        Hash = TrailEncoding.Hash(this);
    }

    public long Sequence { get; private set; }
    public DateTime At { get; private set; }
    public string ActorId { get; private set; } = "";
    public string ActorRole { get; private set; } = "";
    public string Act { get; private set; } = "";
    public string? UseCaseId { get; private set; }
    public string Subject { get; private set; } = "";
    public string? Reason { get; private set; }

    /// <summary>Compact JSON, as hashed: compared and re-hashed as text, never re-serialized.</summary>
    public string? Before { get; private set; }

    /// <summary>Compact JSON, as hashed.</summary>
    public string? After { get; private set; }

    public byte[] PreviousHash { get; private set; } = [];
    public byte[] Hash { get; private set; } = [];
}
