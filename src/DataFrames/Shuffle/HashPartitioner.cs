using Tessera.DataFrames.Columns;
using Tessera.DataFrames.Hashing;

namespace Tessera.DataFrames.Shuffle;

/// <summary>
/// Sends each row to an output partition by a stable hash of its key columns (their
/// <see cref="RowKeys"/> encoding, so a null or NaN key is one value and all its rows go to one
/// partition, and equal keys on the two sides of a merge meet). <see cref="Group"/> is a split
/// task's work: the rows reordered by destination (a stable counting sort) and where each
/// destination's rows start.
/// </summary>
internal sealed class HashPartitioner
{
    private readonly string[] _keys;
    private readonly int _partitions;

    public HashPartitioner(string[] keys, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        _keys = keys;
        _partitions = partitions;
    }

    public int Partitions => _partitions;

    /// <summary>The rows grouped by destination, each group in row order, and the first row of each group (<c>starts[j]</c> to <c>starts[j + 1]</c>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public (Frame Grouped, int[] Starts) Group(Frame frame)
    {
        var encoder = Encoder(frame);
        var destination = new int[frame.RowCount];
        var starts = new int[_partitions + 1];
        var grouped = true;
        for (var r = 0; r < destination.Length; r++)
        {
            destination[r] = StableHash.Partition(encoder.Encode(r, out _), _partitions);
            starts[destination[r] + 1]++;
            grouped &= r == 0 || destination[r] >= destination[r - 1];
        }
        for (var j = 1; j < starts.Length; j++)
        {
            starts[j] += starts[j - 1];
        }
        if (grouped)
        {
            return (frame, starts);
        }
        var next = starts[..^1];
        var order = new int[destination.Length];
        for (var r = 0; r < destination.Length; r++)
        {
            order[next[destination[r]]++] = r;
        }
        return (ArrowTake.Take(frame, order), starts);
    }

    /// <summary>
    /// The rows of a grouped frame (see <see cref="Group"/>) bound for <paramref name="partition"/>.
    /// Destinations rise along a grouped frame, so the bounds are found by binary search, hashing
    /// a few rows again instead of carrying the offsets beside the frame (the frame alone is what
    /// the memory limit counts and spills).
    /// </summary>
    public Frame Piece(Frame grouped, int partition)
    {
        var encoder = Encoder(grouped);
        var start = FirstAtLeast(encoder, grouped.RowCount, partition);
        var end = FirstAtLeast(encoder, grouped.RowCount, partition + 1);
        return grouped.Slice(start, end - start);
    }

    private int FirstAtLeast(RowKeys encoder, int rows, int partition)
    {
        int lo = 0, hi = rows;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (StableHash.Partition(encoder.Encode(mid, out _), _partitions) < partition)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    private RowKeys Encoder(Frame frame) => new([.. _keys.Select(k => frame.Column(frame.IndexOf(k)))]);
}
