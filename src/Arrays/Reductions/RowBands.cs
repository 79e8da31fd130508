using Tessera.Arrays.Lazy;

namespace Tessera.Arrays.Reductions;

/// <summary>
/// Reductions over axis 0 of file blocks that read band by band: a block is read and reduced a
/// band of rows at a time into one small reused buffer, and the bands' partials are merged as
/// the block's partial.
/// </summary>
/// <remarks>
/// Why: a whole 128 MiB block is written to memory by the read and read back by the reduction,
/// three times the bytes of the file; a band of about 2 MiB stays in the CPU's cache between the
/// two, so the pass moves little more than the file's bytes (W1 of the memory-tiers benchmark).
/// </remarks>
internal static class RowBands
{
    /// <summary>
    /// Bytes of all operands per band: about the per-core L2 cache of current CPUs. On the W1
    /// file, 1, 2 and 4 MiB bands gave 12.7–14.4, 14.9 and 15.3 GB/s per pass (the per-band
    /// costs weigh less as bands grow; past L2 the band is read back from L3).
    /// </summary>
    private const long DefaultBandBytes = 2 << 20;

    /// <summary>How many times smaller than its band a band's partial must be for bands to pay (see <see cref="Pay"/>).</summary>
    private const long MinShrink = 32;

    /// <summary>Partials merged at once: a small tree, so a block's bands never hold more than a few partials.</summary>
    private const int FanIn = 8;

    private static readonly AsyncLocal<long?> s_bandBytes = new();
    private static long s_bandsMapped;

    /// <summary>Bands mapped so far in this process (tests: that a reduction did read in bands).</summary>
    internal static long BandsMapped => Interlocked.Read(ref s_bandsMapped);

    /// <summary>Counts one band mapped.</summary>
    public static void CountBand() => Interlocked.Increment(ref s_bandsMapped);

    /// <summary>Bands of <paramref name="bytes"/> for graphs lowered in this flow until disposed (tests: many bands on small arrays).</summary>
    internal static IDisposable UseBandBytes(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1);
        var previous = s_bandBytes.Value;
        s_bandBytes.Value = bytes;
        return new Restore(() => s_bandBytes.Value = previous);
    }

    /// <summary>Rows per band for blocks whose rows hold <paramref name="rowBytes"/> bytes over all operands; at least one.</summary>
    public static int Rows(long rowBytes) =>
        (int)Math.Clamp((s_bandBytes.Value ?? DefaultBandBytes) / Math.Max(1, rowBytes), 1, int.MaxValue);

    /// <summary>
    /// Whether bands pay for their merges: each band's partial (as large as the block's) must be a
    /// small part of the band. A mean over axis 0 alone keeps a whole row per band, and merging
    /// row-sized partials of bands a few rows deep cost more than the cache saved (a climate mean
    /// over days, 8-row bands: 0.6–0.9 s for 1 GiB against 0.3 s in whole blocks).
    /// </summary>
    public static bool Pay(int bandRows, long rowElements, long partialElements) =>
        (long)bandRows * rowElements >= MinShrink * partialElements;

    /// <summary>Whether every operand can be read in row bands, whole on every other axis, with the source's block shape.</summary>
    public static bool Apply(ArrayNode[] operands, ChunkGrid sourceGrid) =>
        sourceGrid.Rank > 0 && operands.All(o => o is BlocksNode { ReadsRowBands: true } node
            && node.Grid.Shape.SequenceEqual(sourceGrid.Shape)
            && Enumerable.Range(1, sourceGrid.Rank - 1).All(d => node.Grid.BlockCounts[d] == 1 && sourceGrid.BlockCounts[d] == 1)
            && node.Grid.Chunks[0].SequenceEqual(sourceGrid.Chunks[0]));

    /// <summary>Merges partials as they come, <see cref="FanIn"/> at a time, like the combine tree between blocks.</summary>
    public sealed class Merger(Func<object[], object> merge)
    {
        private readonly List<List<object>> _levels = [];

        public void Add(object partial) => Add(partial, 0);

        /// <summary>The merge of every partial added; the one partial itself when there was one.</summary>
        public object Result()
        {
            var left = _levels.SelectMany(level => level).ToArray();
            return left.Length == 1 ? left[0] : merge(left);
        }

        private void Add(object partial, int level)
        {
            while (_levels.Count <= level)
            {
                _levels.Add([]);
            }
            var members = _levels[level];
            members.Add(partial);
            if (members.Count == FanIn)
            {
                var merged = merge([.. members]);
                members.Clear();
                Add(merged, level + 1);
            }
        }
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
