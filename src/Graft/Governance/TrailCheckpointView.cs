namespace Graft.Governance;

/// <summary>A checkpoint as the checkpoints file, the CLI and the API write it: hashes, keys and signatures in hex.</summary>
public sealed record TrailCheckpointView(long Sequence, string Hash, DateTime At, string PublicKey, string Signature)
{
    public static TrailCheckpointView Of(TrailCheckpoint c) => new(
        c.Sequence, Convert.ToHexStringLower(c.Hash), DateTime.SpecifyKind(c.At, DateTimeKind.Utc), c.PublicKey, Convert.ToHexStringLower(c.Signature));

    public TrailCheckpoint ToCheckpoint() =>
        new(Sequence, Convert.FromHexString(Hash), DateTime.SpecifyKind(At, DateTimeKind.Utc), PublicKey, Convert.FromHexString(Signature));
}
