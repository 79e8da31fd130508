using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.IO.Csv;

/// <summary>
/// Finds the next field end (a separator or a newline) in a block. One vector comparison classifies
/// 64 bytes at once into a bit mask, and the field ends of those 64 bytes are then read from the
/// mask bit by bit: a search started per field (3 fields of 6 bytes a row) cost more in its set-up
/// than in its scanning. The mask is computed with the widest vectors the CPU runs (512, 256 or 128
/// bits), or byte by byte where none is accelerated; every width gives the same mask. The mask of
/// the last 64 bytes is kept between calls, so a scanner serves one block's data only.
/// </summary>
internal sealed class CsvStopScanner(byte separator)
{
    /// <summary>The bytes one mask covers.</summary>
    public const int Width = 64;

    private readonly byte _separator = separator;

    // The mask covers data[_base .. _base + 64); a start far below any position means "none yet".
    private int _base = -2 * Width;
    private ulong _mask;

    /// <summary>The index of the first separator or newline at or after <paramref name="position"/>, or -1 when there is none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(ReadOnlySpan<byte> data, int position)
    {
        var relative = (uint)(position - _base);
        if (relative < Width)
        {
            var remaining = _mask & (ulong.MaxValue << (int)relative);
            if (remaining != 0)
            {
                return _base + BitOperations.TrailingZeroCount(remaining);
            }
            position = _base + Width;
        }
        return Refill(data, position);
    }

    // Moves the mask forward until it holds a field end at or after position.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private int Refill(ReadOnlySpan<byte> data, int position)
    {
        while (position < data.Length)
        {
            _base = position;
            _mask = Mask(data, position, _separator);
            if (_mask != 0)
            {
                return position + BitOperations.TrailingZeroCount(_mask);
            }
            position += Width;
        }
        return -1;
    }

    /// <summary>Bit i set when data[start + i] is <paramref name="separator"/> or a newline, for the (up to) 64 bytes from <paramref name="start"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Mask(ReadOnlySpan<byte> data, int start, byte separator)
    {
        if (data.Length - start >= Width)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                return Mask512(data, start, separator);
            }
            if (Vector256.IsHardwareAccelerated)
            {
                return Mask256(data, start, separator);
            }
            if (Vector128.IsHardwareAccelerated)
            {
                return Mask128(data, start, separator);
            }
        }
        return MaskScalar(data, start, separator);
    }

    // The widths are separate methods so the tests can compare each one with the byte-by-byte mask
    // on any CPU (a width the CPU lacks still runs, in software).
    internal static ulong Mask512(ReadOnlySpan<byte> data, int start, byte separator)
    {
        var v = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(data), (nuint)start);
        return (Vector512.Equals(v, Vector512.Create(separator)) | Vector512.Equals(v, Vector512.Create((byte)'\n'))).ExtractMostSignificantBits();
    }

    internal static ulong Mask256(ReadOnlySpan<byte> data, int start, byte separator)
    {
        ref var first = ref MemoryMarshal.GetReference(data);
        var separators = Vector256.Create(separator);
        var newlines = Vector256.Create((byte)'\n');
        var low = Vector256.LoadUnsafe(ref first, (nuint)start);
        var high = Vector256.LoadUnsafe(ref first, (nuint)start + 32);
        ulong lowBits = (Vector256.Equals(low, separators) | Vector256.Equals(low, newlines)).ExtractMostSignificantBits();
        ulong highBits = (Vector256.Equals(high, separators) | Vector256.Equals(high, newlines)).ExtractMostSignificantBits();
        return lowBits | (highBits << 32);
    }

    internal static ulong Mask128(ReadOnlySpan<byte> data, int start, byte separator)
    {
        ref var first = ref MemoryMarshal.GetReference(data);
        var separators = Vector128.Create(separator);
        var newlines = Vector128.Create((byte)'\n');
        ulong mask = 0;
        for (var k = 0; k < 4; k++)
        {
            var v = Vector128.LoadUnsafe(ref first, (nuint)(start + (16 * k)));
            ulong bits = (Vector128.Equals(v, separators) | Vector128.Equals(v, newlines)).ExtractMostSignificantBits();
            mask |= bits << (16 * k);
        }
        return mask;
    }

    internal static ulong MaskScalar(ReadOnlySpan<byte> data, int start, byte separator)
    {
        var end = Math.Min(data.Length, start + Width);
        ulong mask = 0;
        for (var i = start; i < end; i++)
        {
            if (data[i] == separator || data[i] == '\n')
            {
                mask |= 1UL << (i - start);
            }
        }
        return mask;
    }
}
