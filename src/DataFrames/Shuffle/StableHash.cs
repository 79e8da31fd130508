using System.Buffers.Binary;
using System.Numerics;

namespace Tessera.DataFrames.Shuffle;

/// <summary>
/// A 64-bit hash of key bytes that is the same in every process and every run. .NET's
/// <see cref="HashCode"/> is seeded per process, so two workers would send one key to different
/// partitions; a shuffle needs every split task, wherever it runs, to agree. Rounds of
/// multiply–rotate over 8-byte words and a final avalanche (the finalizer of MurmurHash3) spread
/// short keys such as one int64 over all 64 bits, so the top bits pick the partition evenly.
/// </summary>
internal static class StableHash
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;

    public static ulong Of(ReadOnlySpan<byte> bytes)
    {
        var hash = Prime1 ^ (ulong)bytes.Length;
        var at = 0;
        for (; at + 8 <= bytes.Length; at += 8)
        {
            hash = BitOperations.RotateLeft(hash ^ (BinaryPrimitives.ReadUInt64LittleEndian(bytes[at..]) * Prime2), 31) * Prime1;
        }
        if (at < bytes.Length)
        {
            ulong tail = 0;
            for (var i = bytes.Length - 1; i >= at; i--)
            {
                tail = (tail << 8) | bytes[i];
            }
            hash = BitOperations.RotateLeft(hash ^ (tail * Prime2), 31) * Prime1;
        }
        hash ^= hash >> 33;
        hash *= 0xFF51AFD7ED558CCDUL;
        hash ^= hash >> 33;
        hash *= 0xC4CEB9FE1A85EC53UL;
        return hash ^ (hash >> 33);
    }

    /// <summary>The partition (0 to <paramref name="partitions"/> - 1) of a key: its hash scaled to the range, not a modulo, so any count splits evenly.</summary>
    public static int Partition(ReadOnlySpan<byte> key, int partitions) => (int)Math.BigMul(Of(key), (ulong)partitions, out _);
}
