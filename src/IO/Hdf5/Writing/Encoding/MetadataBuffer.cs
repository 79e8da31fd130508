using System.Buffers.Binary;

namespace Tessera.IO.Hdf5.Writing;

/// <summary>
/// A growable little-endian byte buffer for one metadata structure (HDF5 metadata is
/// always little-endian). Offsets and lengths are 8 bytes, as the superblock declares.
/// </summary>
internal sealed class MetadataBuffer
{
    public const ulong UndefinedAddress = ulong.MaxValue;
    private byte[] _bytes = new byte[256];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, Length);

    public byte[] ToArray() => Span.ToArray();

    public MetadataBuffer U8(int value)
    {
        Grow(1)[0] = checked((byte)value);
        return this;
    }

    public MetadataBuffer U16(int value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(Grow(2), checked((ushort)value));
        return this;
    }

    public MetadataBuffer U32(long value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(Grow(4), checked((uint)value));
        return this;
    }

    public MetadataBuffer U64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(Grow(8), value);
        return this;
    }

    public MetadataBuffer U64(long value) => U64(checked((ulong)value));

    public MetadataBuffer Bytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Grow(bytes.Length));
        return this;
    }

    public MetadataBuffer Ascii(string text)
    {
        foreach (var c in text)
        {
            U8(c);
        }
        return this;
    }

    public MetadataBuffer Zeros(int count)
    {
        Grow(count).Clear();
        return this;
    }

    /// <summary>Zero-pads to a multiple of <paramref name="alignment"/> bytes from the buffer start.</summary>
    public MetadataBuffer PadTo(int alignment)
    {
        var rest = Length % alignment;
        return rest == 0 ? this : Zeros(alignment - rest);
    }

    private Span<byte> Grow(int count)
    {
        if (Length + count > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + count));
        }
        var span = _bytes.AsSpan(Length, count);
        Length += count;
        return span;
    }
}
