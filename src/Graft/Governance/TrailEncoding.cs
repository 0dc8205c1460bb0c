using System.Buffers.Binary;
using System.Text;

namespace Graft.Governance;

/// <summary>
/// The canonical bytes of an entry and of a checkpoint, so that a hash or a signature is checked the same by any tool
/// (docs/trail.md). Integers are big-endian and of fixed width; a text is its UTF-8 bytes after their length (4 bytes,
/// big-endian), and a missing text is the length FF FF FF FF alone, so that null, "" and every split of the fields differ.
/// <code>
/// entry      = text("graft.trail.entry.v1") u64(sequence) i64(time) text(actor) text(role) text(act)
///              opt(use case) text(subject) opt(reason) opt(before) opt(after) previous hash (32 bytes)
/// checkpoint = text("graft.trail.checkpoint.v1") u64(sequence) i64(time) hash (32 bytes)
/// </code>
/// A time is microseconds since 1970-01-01T00:00:00Z.
/// </summary>
public static class TrailEncoding
{
    public const string EntryTag = "graft.trail.entry.v1";
    public const string CheckpointTag = "graft.trail.checkpoint.v1";
    public const int HashBytes = 32;

    /// <summary>The previous hash of entry 1.</summary>
    public static ReadOnlySpan<byte> Genesis => new byte[HashBytes];

    private const uint Missing = uint.MaxValue;

    public static byte[] Hash(TrailEntry entry)
    {
        using var hasher = new TrailHasher();
        var hash = new byte[HashBytes];
        hasher.Hash(entry, hash);
        return hash;
    }

    /// <summary>The bytes a checkpoint's signature is over.</summary>
    public static byte[] Checkpoint(long sequence, DateTime at, ReadOnlySpan<byte> hash)
    {
        var bytes = new byte[Size(CheckpointTag) + 16 + HashBytes];
        var at0 = Text(bytes, 0, CheckpointTag);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(at0), sequence);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(at0 + 8), Microseconds(at));
        hash.CopyTo(bytes.AsSpan(at0 + 16));
        return bytes;
    }

    /// <summary>Microseconds since the Unix epoch of a UTC time (a stored one reads back without its kind).</summary>
    public static long Microseconds(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    /// <summary>A time as the trail keeps it: UTC, to the microsecond (PostgreSQL keeps no finer).</summary>
    public static DateTime ToMicroseconds(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);

    /// <summary>
    /// Writes an entry's bytes into <paramref name="buffer"/>, made larger first when it might not hold them, and returns
    /// how many there are. Each text is encoded once, its length written after it is known.
    /// </summary>
    internal static int Write(TrailEntry e, ref byte[] buffer)
    {
        var most = MostBytes(EntryTag) + 16 + MostBytes(e.ActorId) + MostBytes(e.ActorRole) + MostBytes(e.Act) + MostBytes(e.UseCaseId)
            + MostBytes(e.Subject) + MostBytes(e.Reason) + MostBytes(e.Before) + MostBytes(e.After) + HashBytes;
        if (buffer.Length < most)
        {
            buffer = new byte[Math.Max(most, 2 * buffer.Length)];
        }
        var at = Text(buffer, 0, EntryTag);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(at), e.Sequence);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(at + 8), Microseconds(e.At));
        at += 16;
        at = Text(buffer, at, e.ActorId);
        at = Text(buffer, at, e.ActorRole);
        at = Text(buffer, at, e.Act);
        at = Text(buffer, at, e.UseCaseId);
        at = Text(buffer, at, e.Subject);
        at = Text(buffer, at, e.Reason);
        at = Text(buffer, at, e.Before);
        at = Text(buffer, at, e.After);
        e.PreviousHash.CopyTo(buffer.AsSpan(at));
        return at + HashBytes;
    }

    private static int Size(string text) => 4 + Encoding.UTF8.GetByteCount(text);

    /// <summary>At most how many bytes a text takes, from its length alone (no pass over it).</summary>
    private static int MostBytes(string? text) => 4 + (text is null ? 0 : Encoding.UTF8.GetMaxByteCount(text.Length));

    /// <summary>Writes a text (or its absence) at <paramref name="at"/> and returns where the next field starts.</summary>
    private static int Text(byte[] buffer, int at, string? text)
    {
        if (text is null)
        {
            BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(at), Missing);
            return at + 4;
        }
        var length = Encoding.UTF8.GetBytes(text, buffer.AsSpan(at + 4));
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(at), (uint)length);
        return at + 4 + length;
    }
}
