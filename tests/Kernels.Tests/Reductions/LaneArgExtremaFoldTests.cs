using Tessera.Kernels.Cpu.Reduction;

namespace Tessera.Kernels.Tests.Reductions;

/// <summary>
/// 32-bit argmin/argmax lanes fold into the accumulators every 2^30 rows, far beyond what a test
/// can feed; here they fold every few rows, driven as the engine drives them (rows up to
/// <see cref="IKeptAxisLanes.RowsBeforeDue"/>, a fold whenever due), and the row indexes after
/// each fold must still count from the first row: first NaN wins, ties keep the first row.
/// </summary>
public class LaneArgExtremaFoldTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(11)]
    public void ArgMax_WithFoldsEveryFewRows_CountsRowsFromTheStart(int rowsPerFold)
    {
        const int rows = 53, cols = 37;
        var random = new Random(rowsPerFold);
        var data = new float[rows * cols];
        for (var i = 0; i < data.Length; i++)
        {
            // Few distinct values (ties in every column), NaN in some columns only.
            data[i] = i % cols % 4 == 3 && random.Next(20) == 0 ? float.NaN : random.Next(6);
        }
        Assert.Equal(Reference(data, rows, cols, skipNaN: false), Run<PropagateNaN>(data, rows, cols, rowsPerFold));
        Assert.Equal(Reference(data, rows, cols, skipNaN: true), Run<SkipNaN>(data, rows, cols, rowsPerFold));
    }

    [Fact]
    public void Constructor_NegativeRowsPerFold_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LaneArgExtrema<int, Largest, PropagateNaN>(4, -1));

    private static long[] Run<TNan>(float[] data, int rows, int cols, int rowsPerFold)
        where TNan : INanPolicy
    {
        var lanes = new LaneArgExtrema<float, Largest, TNan>(cols, rowsPerFold);
        var accs = new ArgExtremum<float>[cols];
        for (var row = 0; row < rows;)
        {
            var take = Math.Min(rows - row, lanes.RowsBeforeDue(cols));
            lanes.AddRows<float, Width256>(0, data.AsSpan(row * cols, take * cols), cols, take);
            row += take;
            if (lanes.IsDue)
            {
                lanes.FoldInto<ArgExtremum<float>, ArgMinMax<float, Largest, TNan, Width256>, float, long>(accs);
            }
        }
        lanes.FoldInto<ArgExtremum<float>, ArgMinMax<float, Largest, TNan, Width256>, float, long>(accs);
        return [.. accs.Select(a => a.Index)];
    }

    /// <summary>NumPy's argmax (first NaN wins) or nanargmax (NaN skipped) of each column.</summary>
    private static long[] Reference(float[] data, int rows, int cols, bool skipNaN)
    {
        var result = new long[cols];
        for (var c = 0; c < cols; c++)
        {
            var best = -1;
            for (var r = 0; r < rows; r++)
            {
                var v = data[(r * cols) + c];
                if (float.IsNaN(v))
                {
                    if (!skipNaN)
                    {
                        best = r;
                        break;
                    }
                    continue;
                }
                if (best < 0 || v > data[(best * cols) + c])
                {
                    best = r;
                }
            }
            result[c] = best;
        }
        return result;
    }
}
