using System.Buffers.Binary;
using System.Text;

namespace Tessera.IO.Hdf5;

/// <summary>
/// Little-endian decoder over bytes read from one structure. Every overrun becomes an
/// <see cref="Hdf5FormatException"/> naming the structure and absolute offset, so malformed
/// files never surface as index-out-of-range errors.
/// </summary>
internal ref struct ByteCursor
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly long _fileOffset;
    private readonly string _structure;
    private readonly int _offsetSize;
    private readonly int _lengthSize;

    public ByteCursor(ReadOnlySpan<byte> data, long fileOffset, string structure, int offsetSize = 8, int lengthSize = 8)
    {
        _data = data;
        _fileOffset = fileOffset;
        _structure = structure;
        _offsetSize = offsetSize;
        _lengthSize = lengthSize;
        Position = 0;
    }

    public int Position { get; set; }
    public readonly int Remaining => _data.Length - Position;
    public readonly int Length => _data.Length;
    public readonly long FileOffset => _fileOffset + Position;
    public readonly string Structure => _structure;
    public readonly int OffsetSize => _offsetSize;
    public readonly int LengthSize => _lengthSize;
    public readonly ReadOnlySpan<byte> Data => _data;

    public ReadOnlySpan<byte> Bytes(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw Fail($"needs {count} more bytes but only {Remaining} remain in this structure.");
        }
        var span = _data.Slice(Position, count);
        Position += count;
        return span;
    }

    public void Skip(int count) => Bytes(count);

    public byte U8() => Bytes(1)[0];
    public ushort U16() => BinaryPrimitives.ReadUInt16LittleEndian(Bytes(2));
    public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4));
    public ulong U64() => BinaryPrimitives.ReadUInt64LittleEndian(Bytes(8));

    /// <summary>Unsigned little-endian integer of 1 to 8 bytes.</summary>
    public ulong UInt(int size)
    {
        if (size is < 0 or > 8)
        {
            throw Fail($"an integer field of {size} bytes is not valid (1 to 8 expected).");
        }
        var bytes = Bytes(size);
        ulong value = 0;
        for (int i = size - 1; i >= 0; i--)
        {
            value = (value << 8) | bytes[i];
        }
        return value;
    }

    /// <summary>A file address; the all-ones value (undefined) becomes <see cref="Address.Undefined"/>.</summary>
    public long Address()
    {
        var bytes = Bytes(_offsetSize);
        if (bytes.IndexOfAnyExcept((byte)0xFF) < 0)
        {
            return Hdf5.Address.Undefined;
        }
        ulong value = 0;
        for (int i = bytes.Length - 1; i >= 0; i--)
        {
            value = (value << 8) | bytes[i];
        }
        // An address past long.MaxValue can only be garbage; readers reject it when they use it.
        return value > long.MaxValue ? long.MaxValue : (long)value;
    }

    /// <summary>A "length" field (size of lengths from the superblock), checked to fit a long.</summary>
    public long LengthField()
    {
        ulong value = UInt(_lengthSize);
        if (value > long.MaxValue)
        {
            return long.MaxValue;
        }
        return (long)value;
    }

    /// <summary>Checks a 4-byte signature such as "TREE".</summary>
    public void Signature(string expected)
    {
        long at = FileOffset;
        var got = Bytes(expected.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (got[i] != expected[i])
            {
                throw new Hdf5FormatException(_structure, at,
                    $"signature \"{Printable(got)}\" found where \"{expected}\" was expected.");
            }
        }
    }

    /// <summary>NUL-terminated string starting at the current position; the cursor moves past the NUL.</summary>
    public string CString()
    {
        int end = _data[Position..].IndexOf((byte)0);
        if (end < 0)
        {
            throw Fail("a name is not NUL-terminated inside its structure.");
        }
        var s = Encoding.UTF8.GetString(_data.Slice(Position, end));
        Position += end + 1;
        return s;
    }

    public void AlignTo(int boundary)
    {
        int pad = (boundary - (Position % boundary)) % boundary;
        Skip(Math.Min(pad, Remaining));
    }

    public readonly Hdf5FormatException Fail(string problem) => new(_structure, FileOffset, problem);

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder();
        foreach (var b in bytes)
        {
            sb.Append(b is >= 32 and < 127 ? (char)b : '?');
        }
        return sb.ToString();
    }
}

/// <summary>Constants for file addresses.</summary>
internal static class Address
{
    /// <summary>The all-ones "undefined address" of the format.</summary>
    public const long Undefined = -1;

    public static bool IsDefined(long address) => address != Undefined;
}
