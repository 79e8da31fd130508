using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.DataFrames.Columns;

namespace Tessera.DataFrames.Indexing;

/// <summary>
/// A shuffle's gather for one sort column: the rows of several pieces, stably sorted, written
/// straight from the pieces into the result. Concatenating the pieces and then taking the sorted
/// rows copied every column twice; partitions are large-object sized, and that extra copy was a
/// third of what a SetIndex allocates, and of the full collections that follow. The sort order is
/// turned into each row's destination, and each piece scatters its rows there.
/// </summary>
internal static class PieceSort
{
    /// <summary>The rows of <paramref name="pieces"/> (one schema) in order of <paramref name="column"/>, ties in piece and row order.</summary>
    public static Frame Sort(IReadOnlyList<Frame> pieces, string column, bool ascending)
    {
        var present = pieces.Where(p => p.RowCount > 0).ToList();
        var total = present.Sum(p => p.RowCount);
        if (present.Count <= 1 || total < RadixArgSort.MinimumLength || !present[0].Schema.FieldsList.All(f => Scatterable(f.DataType)))
        {
            return RowSort.Sort(Frame.Concat(pieces), [column], [ascending]);
        }
        var starts = new int[present.Count + 1];
        var keys = new long[total];
        for (var p = 0; p < present.Count; p++)
        {
            var piece = present[p];
            RowSort.SortKeys(piece.Column(piece.IndexOf(column)), ascending).CopyTo(keys, starts[p]);
            starts[p + 1] = starts[p] + piece.RowCount;
        }
        var order = new int[total];
        for (var i = 0; i < total; i++)
        {
            order[i] = i;
        }
        RadixArgSort.Sort(keys, order);
        var destination = new int[total];
        for (var k = 0; k < total; k++)
        {
            destination[order[k]] = k;
        }
        var schema = present[0].Schema;
        var columns = new IArrowArray[schema.FieldsList.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            var name = schema.GetFieldByIndex(c).Name;
            columns[c] = Scatter([.. present.Select(p => p.Column(p.IndexOf(name)))], starts, destination);
        }
        return new Frame(schema, columns, total) { SkippedRows = pieces.Sum(p => p.SkippedRows) };
    }

    private static bool Scatterable(IArrowType type) => type.TypeId is ArrowTypeId.Int64 or ArrowTypeId.Double or ArrowTypeId.Timestamp
        or ArrowTypeId.Int32 or ArrowTypeId.Float or ArrowTypeId.Date32 or ArrowTypeId.String or ArrowTypeId.Boolean;

    private static IArrowArray Scatter(IArrowArray[] parts, int[] starts, int[] destination)
    {
        var type = parts[0].Data.DataType;
        var validity = Validity(parts, starts, destination, out var nulls);
        return type.TypeId switch
        {
            ArrowTypeId.Int64 or ArrowTypeId.Double or ArrowTypeId.Timestamp => ArrowColumns.Wrap(type, Fixed<long>(parts, starts, destination), destination.Length, validity, nulls),
            ArrowTypeId.Int32 or ArrowTypeId.Float or ArrowTypeId.Date32 => ArrowColumns.Wrap(type, Fixed<int>(parts, starts, destination), destination.Length, validity, nulls),
            ArrowTypeId.Boolean => ArrowColumns.Booleans(Booleans(parts, starts, destination), validity, nulls),
            _ => Strings(parts, starts, destination, validity, nulls),
        };
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static T[] Fixed<T>(IArrowArray[] parts, int[] starts, int[] destination) where T : unmanaged
    {
        var values = new T[destination.Length];
        for (var p = 0; p < parts.Length; p++)
        {
            var source = ArrowColumns.Values<T>(parts[p]);
            var to = destination.AsSpan(starts[p], source.Length);
            for (var r = 0; r < source.Length; r++)
            {
                values[to[r]] = source[r];
            }
        }
        return values;
    }

    private static bool[] Booleans(IArrowArray[] parts, int[] starts, int[] destination)
    {
        var values = new bool[destination.Length];
        for (var p = 0; p < parts.Length; p++)
        {
            var part = (BooleanArray)parts[p];
            for (var r = 0; r < part.Length; r++)
            {
                values[destination[starts[p] + r]] = part.GetValue(r) == true;
            }
        }
        return values;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static StringArray Strings(IArrowArray[] parts, int[] starts, int[] destination, byte[]? validity, int nulls)
    {
        // Each row's length lands at its destination, the running sum gives every string's place,
        // then each piece copies its bytes there.
        var offsets = new byte[(destination.Length + 1) * sizeof(int)];
        var ends = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(offsets.AsSpan());
        for (var p = 0; p < parts.Length; p++)
        {
            var source = ((StringArray)parts[p]).ValueOffsets;
            for (var r = 0; r < parts[p].Length; r++)
            {
                ends[destination[starts[p] + r] + 1] = source[r + 1] - source[r];
            }
        }
        for (var i = 1; i < ends.Length; i++)
        {
            ends[i] += ends[i - 1];
        }
        var data = new byte[ends[^1]];
        for (var p = 0; p < parts.Length; p++)
        {
            var part = (StringArray)parts[p];
            var sourceOffsets = part.ValueOffsets;
            var bytes = part.ValueBuffer.Span;
            for (var r = 0; r < part.Length; r++)
            {
                bytes[sourceOffsets[r]..sourceOffsets[r + 1]].CopyTo(data.AsSpan(ends[destination[starts[p] + r]]));
            }
        }
        return new StringArray(destination.Length, new ArrowBuffer(offsets), new ArrowBuffer(data),
            validity is null ? ArrowBuffer.Empty : new ArrowBuffer(validity), nulls, 0);
    }

    /// <summary>The result's validity bitmap, or null when no piece has a null.</summary>
    private static byte[]? Validity(IArrowArray[] parts, int[] starts, int[] destination, out int nulls)
    {
        nulls = parts.Sum(p => p.NullCount);
        if (nulls == 0)
        {
            return null;
        }
        var bits = new byte[(destination.Length + 7) / 8];
        bits.AsSpan().Fill(0xFF);
        for (var p = 0; p < parts.Length; p++)
        {
            if (parts[p].NullCount == 0)
            {
                continue;
            }
            for (var r = 0; r < parts[p].Length; r++)
            {
                if (!parts[p].IsValid(r))
                {
                    var at = destination[starts[p] + r];
                    bits[at >> 3] &= (byte)~(1 << (at & 7));
                }
            }
        }
        return bits;
    }
}
