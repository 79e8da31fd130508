using ILGPU;

namespace Tessera.Kernels.IlGpu.Copies;

/// <summary>
/// The one device kernel behind every block copy (region, permutation, gather): thread i takes the
/// i-th combination of per-axis positions (row-major over the axes' counts), reads the source at
/// Σ sourcePosition·sourceStride and writes the destination at Σ targetPosition·targetStride.
/// Positions along an axis are a run (start + j·step) or an explicit list; the table says which.
/// </summary>
internal static class StridedCopyKernel
{
    /// <summary>Ints per axis in the table: count, then source start, step, list offset, stride, then the same for the target.</summary>
    public const int Fields = 9;

    /// <summary>
    /// Copies one element. <paramref name="table"/> holds <paramref name="rank"/> rows of <see cref="Fields"/>
    /// ints, then the explicit position lists the rows point into (a list offset of -1 means a run).
    /// </summary>
    public static void Run<T>(Index1D index, ArrayView<T> source, ArrayView<T> target, ArrayView<int> table, int rank)
        where T : unmanaged
    {
        long rest = index;
        long from = 0, to = 0;
        for (var d = rank - 1; d >= 0; d--)
        {
            var row = d * Fields;
            long count = table[row];
            var j = (int)(rest % count);
            rest /= count;
            from += Position(table, row + 1, j) * table[row + 4];
            to += Position(table, row + 5, j) * table[row + 8];
        }
        target[to] = source[from];
    }

    private static long Position(ArrayView<int> table, int field, int j)
    {
        var list = table[field + 2];
        return list < 0 ? table[field] + ((long)j * table[field + 1]) : table[list + j];
    }
}
