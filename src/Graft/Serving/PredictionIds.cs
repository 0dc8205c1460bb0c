using System.Buffers.Binary;

namespace Graft.Serving;

/// <summary>
/// Prediction ids: UUIDv7 (RFC 9562) as 32 hex digits, the first twelve the time in milliseconds, so ids sort by
/// time and a window of the log is a range of ids (<see cref="FirstAt"/>). The 74 random bits come
/// from <see cref="Random.Shared"/> (seeded per thread by the system's secure generator) rather than from the
/// kernel for every id, as <see cref="Guid.CreateVersion7()"/> does: at tens of thousands of predictions a second
/// that system call was a measurable share of a prediction. Ids must be unique, not secret.
/// </summary>
public static class PredictionIds
{
    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static string Next(DateTimeOffset now)
    {
        Span<byte> id = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(id, Math.Max(0, now.ToUnixTimeMilliseconds()) << 16); // 48 bits of time, then the rest
        Random.Shared.NextBytes(id[6..]);
        id[6] = (byte)(0x70 | (id[6] & 0x0F)); // version 7
        id[8] = (byte)(0x80 | (id[8] & 0x3F)); // the RFC's variant
        return Convert.ToHexStringLower(id);
    }

    /// <summary>
    /// The lowest id of a prediction made at or after <paramref name="at"/>, so a window of the log is a range of
    /// ids, read through the key (the log has no other index).
    /// </summary>
    public static string FirstAt(DateTimeOffset at) =>
        Math.Max(0, at.ToUnixTimeMilliseconds()).ToString("x12", System.Globalization.CultureInfo.InvariantCulture) + new string('0', 20);

    /// <summary>
    /// The millisecond an id was made in, from its first twelve digits; null for an id that does not start with one
    /// in lowercase hex, as Graft writes them (the log's bounds are lowercase and compared as they are, so an
    /// uppercase id would fall outside them).
    /// </summary>
    public static DateTimeOffset? TimeOf(string id) =>
        id.Length >= 12 && !id.AsSpan(0, 12).ContainsAnyExcept(LowerHex)
            && long.TryParse(id.AsSpan(0, 12), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
}
