using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.DataFrames.Columns;

namespace Tessera.DataFrames.TimeSeries;

/// <summary>Per-partition helpers of the windowed and cumulative operations: which columns they touch, and the borrowed rows.</summary>
internal static class Overlap
{
    /// <summary>The numeric columns other than the index (pandas drops the others from numeric window results).</summary>
    public static string[] NumericColumns(Schema schema, string? index) =>
        [.. schema.FieldsList.Where(f => f.Name != index && f.DataType.TypeId is ArrowTypeId.Int64 or ArrowTypeId.Int32 or ArrowTypeId.Double or ArrowTypeId.Float)
            .Select(f => f.Name)];

    /// <summary>The last <paramref name="rows"/> rows of the carried rows followed by this partition.</summary>
    public static Frame Tail(Frame carried, Frame partition, int rows) =>
        partition.RowCount >= rows ? partition.Tail(rows) : Frame.Concat([carried, partition]).Tail(rows);

    /// <summary>The first <paramref name="rows"/> rows of this partition followed by the carried rows.</summary>
    public static Frame Head(Frame carried, Frame partition, int rows) =>
        partition.RowCount >= rows ? partition.Head(rows) : Frame.Concat([partition, carried]).Head(rows);

    /// <summary>A double column from values (NaN as null, as pandas shows missing window results).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static IArrowArray Doubles(double[] values)
    {
        var nulls = 0;
        byte[]? validity = null;
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                validity ??= NewValidity(values.Length);
                validity[i >> 3] &= (byte)~(1 << (i & 7));
                nulls++;
            }
        }
        return ArrowColumns.Wrap(DoubleType.Default, values, values.Length, validity, nulls);
    }

    /// <summary>A frame of the index column and the named result columns.</summary>
    public static Frame WithIndex(Frame partition, string index, IEnumerable<(string Name, IArrowArray Values)> columns) =>
        Frame.FromColumns([(index, partition.Column(partition.IndexOf(index))), .. columns]);

    private static byte[] NewValidity(int length)
    {
        var bits = new byte[(length + 7) / 8];
        bits.AsSpan().Fill(0xFF);
        return bits;
    }
}
