namespace Graft.Governance;

/// <summary>
/// A signed statement that the trail's entry <see cref="Sequence"/> had <see cref="Hash"/> at <see cref="At"/>: Ed25519 over
/// <see cref="TrailEncoding.Checkpoint"/>'s bytes, under the store's trail key (<see cref="TrailKey"/>), which the database
/// does not hold. Kept in the database and in the checkpoints file beside it.
/// </summary>
public sealed class TrailCheckpoint
{
    private TrailCheckpoint() { }

    public TrailCheckpoint(long sequence, byte[] hash, DateTime at, string publicKey, byte[] signature)
    {
        Sequence = sequence;
        Hash = hash;
        At = TrailEncoding.ToMicroseconds(at);
        PublicKey = publicKey;
        Signature = signature;
    }

    /// <summary>Signs the entry's hash now.</summary>
    public static TrailCheckpoint Sign(TrailEntry entry, DateTime now, TrailKey key)
    {
        var at = TrailEncoding.ToMicroseconds(now);
        return new TrailCheckpoint(entry.Sequence, entry.Hash, at, key.PublicKey, key.Sign(TrailEncoding.Checkpoint(entry.Sequence, at, entry.Hash)));
    }

    public long Sequence { get; private set; }
    public byte[] Hash { get; private set; } = [];
    public DateTime At { get; private set; }

    /// <summary>The signing key's public half, in hex: which key it claims; only the store's own is trusted.</summary>
    public string PublicKey { get; private set; } = "";

    public byte[] Signature { get; private set; } = [];

    /// <summary>Whether the signature is the store key's over this sequence number, hash and time.</summary>
    public bool IsSignedBy(TrailKey key) =>
        PublicKey == key.PublicKey && key.Verifies(TrailEncoding.Checkpoint(Sequence, At, Hash), Signature);
}
