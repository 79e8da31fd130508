using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Tessera.DataFrames.Columns;

/// <summary>
/// Gathers: a new array holding <c>array[indices[i]]</c>, an index of -1 giving null. Filters,
/// sorts, joins and group outputs are all gathers.
/// </summary>
internal static class ArrowTake
{
    public static IArrowArray Take(IArrowArray array, ReadOnlySpan<int> indices)
    {
        var type = array.Data.DataType;
        return type.TypeId switch
        {
            ArrowTypeId.Int64 or ArrowTypeId.Double or ArrowTypeId.Timestamp => Fixed<long>(array, indices),
            ArrowTypeId.Int32 or ArrowTypeId.Float or ArrowTypeId.Date32 => Fixed<int>(array, indices),
            ArrowTypeId.Boolean => Booleans((BooleanArray)array, indices),
            ArrowTypeId.String => Strings((StringArray)array, indices),
            _ => throw new NotSupportedException($"Columns of type {type.Name} are not supported."),
        };
    }

    /// <summary>The rows where <paramref name="mask"/> is true (a null mask entry drops the row, as pandas does).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static int[] MaskIndices(IArrowArray mask)
    {
        if (mask is not BooleanArray b)
        {
            throw new ArgumentException(
                $"A row mask must be a boolean column; this one is {mask.Data.DataType.Name}. Compare a column with a value to make one, e.g. df[df[\"a\"] > 0].");
        }
        var indices = new int[b.Length];
        var count = 0;
        var bits = b.ValueBuffer.Span;
        var nullable = b.NullCount > 0;
        for (var i = 0; i < b.Length; i++)
        {
            var at = b.Offset + i;
            if ((bits[at >> 3] & (1 << (at & 7))) != 0 && (!nullable || b.IsValid(i)))
            {
                indices[count++] = i;
            }
        }
        return indices[..count];
    }

    public static Frame Take(Frame frame, ReadOnlySpan<int> indices)
    {
        var columns = new IArrowArray[frame.ColumnCount];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = Take(frame.Column(c), indices);
        }
        return new Frame(frame.Schema, columns, indices.Length);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static IArrowArray Fixed<T>(IArrowArray array, ReadOnlySpan<int> indices) where T : unmanaged
    {
        var source = MemoryMarshal.Cast<byte, T>(array.Data.Buffers[1].Span).Slice(array.Offset, array.Length);
        var values = new T[indices.Length];
        var nullable = array.NullCount > 0; // an interface call: read once, not per row
        if (!nullable)
        {
            // The common case, a plain gather; it stops at the first -1 (a null to make) and the loop below takes over from there.
            var i = 0;
            for (; i < indices.Length && indices[i] >= 0; i++)
            {
                values[i] = source[indices[i]];
            }
            if (i == indices.Length)
            {
                return ArrowColumns.Wrap(array.Data.DataType, values, values.Length, null, 0);
            }
        }
        byte[]? validity = null;
        var nulls = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            var j = indices[i];
            if (j >= 0 && (!nullable || array.IsValid(j)))
            {
                values[i] = source[j];
            }
            else
            {
                validity ??= AllValid(indices.Length);
                validity[i >> 3] &= (byte)~(1 << (i & 7));
                nulls++;
            }
        }
        return ArrowColumns.Wrap(array.Data.DataType, values, values.Length, validity, nulls);
    }

    private static BooleanArray Booleans(BooleanArray array, ReadOnlySpan<int> indices)
    {
        var values = new bool[indices.Length];
        byte[]? validity = null;
        var nulls = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            var value = indices[i] >= 0 ? array.GetValue(indices[i]) : null;
            if (value is { } v)
            {
                values[i] = v;
            }
            else
            {
                validity ??= AllValid(indices.Length);
                validity[i >> 3] &= (byte)~(1 << (i & 7));
                nulls++;
            }
        }
        return ArrowColumns.Booleans(values, validity, nulls);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static StringArray Strings(StringArray array, ReadOnlySpan<int> indices)
    {
        // Arrow's element accessors are calls each; the offsets and bytes are read directly.
        var sourceOffsets = array.ValueOffsets;
        var source = array.ValueBuffer.Span;
        var nullable = array.NullCount > 0;
        var offsets = new byte[(indices.Length + 1) * sizeof(int)];
        var ends = MemoryMarshal.Cast<byte, int>(offsets.AsSpan());
        var total = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            var j = indices[i];
            if (j >= 0)
            {
                total += sourceOffsets[j + 1] - sourceOffsets[j];
            }
            ends[i + 1] = total;
        }
        var data = new byte[total];
        byte[]? validity = null;
        var nulls = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            var j = indices[i];
            if (j >= 0 && (!nullable || array.IsValid(j)))
            {
                source[sourceOffsets[j]..sourceOffsets[j + 1]].CopyTo(data.AsSpan(ends[i]));
            }
            else
            {
                validity ??= AllValid(indices.Length);
                validity[i >> 3] &= (byte)~(1 << (i & 7));
                nulls++;
            }
        }
        return new StringArray(indices.Length, new ArrowBuffer(offsets), new ArrowBuffer(data),
            validity is null ? ArrowBuffer.Empty : new ArrowBuffer(validity), nulls, 0);
    }

    private static byte[] AllValid(int length)
    {
        var bitmap = new byte[(length + 7) / 8];
        bitmap.AsSpan().Fill(0xFF);
        return bitmap;
    }
}
