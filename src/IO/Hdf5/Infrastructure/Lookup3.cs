using System.Buffers.Binary;
using System.Numerics;

namespace Tessera.IO.Hdf5;

/// <summary>
/// Bob Jenkins' lookup3 "hashlittle", which HDF5 uses as the checksum of every version-2
/// metadata block (superblock v2/v3, OHDR, B-tree v2, fractal heap, fixed/extensible arrays).
/// </summary>
internal static class Lookup3
{
    public static uint Hash(ReadOnlySpan<byte> key, uint initialValue = 0)
    {
        uint a, b, c;
        a = b = c = 0xdeadbeef + (uint)key.Length + initialValue;
        while (key.Length > 12)
        {
            a += BinaryPrimitives.ReadUInt32LittleEndian(key);
            b += BinaryPrimitives.ReadUInt32LittleEndian(key[4..]);
            c += BinaryPrimitives.ReadUInt32LittleEndian(key[8..]);
            Mix(ref a, ref b, ref c);
            key = key[12..];
        }
        if (key.Length == 0)
        {
            return c;
        }
        // The tail is zero-extended to 12 bytes; each byte lands at its little-endian place.
        Span<byte> tail = stackalloc byte[12];
        tail.Clear();
        key.CopyTo(tail);
        a += BinaryPrimitives.ReadUInt32LittleEndian(tail);
        b += BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]);
        c += BinaryPrimitives.ReadUInt32LittleEndian(tail[8..]);
        Final(ref a, ref b, ref c);
        return c;
    }

    /// <summary>Checks a stored 4-byte checksum against the bytes it covers.</summary>
    public static void Verify(ReadOnlySpan<byte> covered, uint stored, string structure, long offset)
    {
        uint computed = Hash(covered);
        if (computed != stored)
        {
            throw new Hdf5FormatException(structure, offset,
                $"checksum mismatch: stored 0x{stored:x8}, computed 0x{computed:x8} over {covered.Length} bytes (corrupted metadata).");
        }
    }

    /// <summary>Verifies a block whose last 4 bytes are the checksum of everything before them.</summary>
    public static void VerifyTrailing(ReadOnlySpan<byte> block, string structure, long offset)
    {
        if (block.Length < 4)
        {
            throw new Hdf5FormatException(structure, offset, "block is too short to hold its checksum.");
        }
        Verify(block[..^4], BinaryPrimitives.ReadUInt32LittleEndian(block[^4..]), structure, offset);
    }

    private static void Mix(ref uint a, ref uint b, ref uint c)
    {
        a -= c; a ^= BitOperations.RotateLeft(c, 4); c += b;
        b -= a; b ^= BitOperations.RotateLeft(a, 6); a += c;
        c -= b; c ^= BitOperations.RotateLeft(b, 8); b += a;
        a -= c; a ^= BitOperations.RotateLeft(c, 16); c += b;
        b -= a; b ^= BitOperations.RotateLeft(a, 19); a += c;
        c -= b; c ^= BitOperations.RotateLeft(b, 4); b += a;
    }

    private static void Final(ref uint a, ref uint b, ref uint c)
    {
        c ^= b; c -= BitOperations.RotateLeft(b, 14);
        a ^= c; a -= BitOperations.RotateLeft(c, 11);
        b ^= a; b -= BitOperations.RotateLeft(a, 25);
        c ^= b; c -= BitOperations.RotateLeft(b, 16);
        a ^= c; a -= BitOperations.RotateLeft(c, 4);
        b ^= a; b -= BitOperations.RotateLeft(a, 14);
        c ^= b; c -= BitOperations.RotateLeft(b, 24);
    }
}
