using System.Security.Cryptography;

namespace Graft.Governance;

/// <summary>
/// Hashes entries one after another (<see cref="TrailEncoding"/>'s bytes, SHA-256) with one buffer and one SHA-256 state
/// reused throughout: what a walk over millions of entries needs, where making a new state per entry cost as much as reading it.
/// Not thread-safe: one per walk.
/// </summary>
public sealed class TrailHasher : IDisposable
{
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer = new byte[1024];

    public void Hash(TrailEntry entry, Span<byte> hash)
    {
        var length = TrailEncoding.Write(entry, ref _buffer);
        _sha256.AppendData(_buffer, 0, length);
        _sha256.GetHashAndReset(hash);
    }

    /// <summary>Whether the entry's content still has the hash it was written with.</summary>
    public bool Matches(TrailEntry entry)
    {
        if (entry.PreviousHash.Length != TrailEncoding.HashBytes || entry.Hash.Length != TrailEncoding.HashBytes)
        {
            return false;
        }
        Span<byte> hash = stackalloc byte[TrailEncoding.HashBytes];
        Hash(entry, hash);
        return hash.SequenceEqual(entry.Hash);
    }

    public void Dispose() => _sha256.Dispose();
}
