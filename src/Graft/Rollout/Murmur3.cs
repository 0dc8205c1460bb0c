using System.Buffers.Binary;
using System.Numerics;

namespace Graft.Rollout;

/// <summary>
/// MurmurHash3, x86 32-bit (Austin Appleby's public-domain reference, <c>MurmurHash3_x86_32</c>): the hash Unleash's
/// clients place users with, so Graft's cohorts follow a published scheme that other tools reproduce. No library the
/// package source serves implements it; it is a few lines, held to the reference's published values by a test.
/// </summary>
public static class Murmur3
{
    private const uint C1 = 0xcc9e2d51;
    private const uint C2 = 0x1b873593;

    public static uint Hash32(ReadOnlySpan<byte> data, uint seed = 0)
    {
        var h = seed;
        var blocks = data.Length / 4;
        for (var i = 0; i < blocks; i++)
        {
            var k = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i * 4, 4));
            h ^= Mix(k);
            h = (BitOperations.RotateLeft(h, 13) * 5) + 0xe6546b64;
        }
        var tail = data[(blocks * 4)..];
        uint rest = 0;
        switch (tail.Length)
        {
            case 3:
                rest ^= (uint)tail[2] << 16;
                goto case 2;
            case 2:
                rest ^= (uint)tail[1] << 8;
                goto case 1;
            case 1:
                rest ^= tail[0];
                h ^= Mix(rest);
                break;
        }
        h ^= (uint)data.Length;
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }

    private static uint Mix(uint k) => BitOperations.RotateLeft(k * C1, 15) * C2;
}
