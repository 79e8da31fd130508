namespace Tessera.Kernels.Cpu.Fused;

/// <summary>
/// Reads an input's tile. A contiguous input is aliased in place (no copy); a broadcast or
/// otherwise strided one is gathered run by run along its innermost merged axis. With
/// <c>aliasRuns</c> (a reader that takes the slot's Data and Offset as they are), a tile that lies
/// inside one contiguous run of a strided view is aliased too: a column block of a row-major
/// matrix is then read in place row by row.
/// </summary>
internal sealed class InputStep<T>(CpuBuffer<T> buffer, StridedLayout layout, Slot<T> slot, bool aliasRuns = false) : Step
{
    public override bool ReadsInPlace => layout.IsContiguous && !slot.HasTarget;

    public override int TileCapacity => ReadsInPlace ? FusedProgram.InPlaceTileLength : slot.Own.Length;

    // Elements of each contiguous run a tile may alias in place; 0 when tiles are always gathered.
    private int AliasedRun =>
        aliasRuns && !layout.IsContiguous && !slot.HasTarget && layout.Strides[^1] == 1 ? layout.Extents[^1] : 0;

    public override void Run(long start, int count)
    {
        if (layout.IsContiguous)
        {
            var offset = buffer.Offset + (int)start;
            if (!slot.HasTarget)
            {
                slot.Alias(buffer.Array, offset);
                return;
            }
            buffer.Array.AsSpan(offset, count).CopyTo(slot.Write(count));
            return;
        }
        if (AliasedRun > 0)
        {
            var first = Locate(start, out var inner);
            if (inner + count <= layout.Extents[^1])
            {
                slot.Alias(buffer.Array, (int)first);
                return;
            }
        }
        Gather(start, slot.Write(count));
    }

    // The array index of flat element start, and its index along the innermost merged axis.
    private long Locate(long start, out int inner)
    {
        var extents = layout.Extents;
        var strides = layout.Strides;
        var rest = start;
        long offset = buffer.Offset;
        inner = 0;
        for (var k = extents.Length - 1; k >= 0; k--)
        {
            var i = (int)(rest % extents[k]);
            rest /= extents[k];
            offset += i * strides[k];
            if (k == extents.Length - 1)
            {
                inner = i;
            }
        }
        return offset;
    }

    private void Gather(long start, Span<T> destination)
    {
        var extents = layout.Extents;
        var strides = layout.Strides;
        var n = extents.Length;
        Span<int> index = stackalloc int[n];
        var rest = start;
        long offset = buffer.Offset;
        for (var k = n - 1; k >= 0; k--)
        {
            index[k] = (int)(rest % extents[k]);
            rest /= extents[k];
            offset += index[k] * strides[k];
        }
        var array = buffer.Array;
        var inner = extents[n - 1];
        var innerStride = strides[n - 1];
        var written = 0;
        while (written < destination.Length)
        {
            var run = Math.Min(inner - index[n - 1], destination.Length - written);
            var d = destination.Slice(written, run);
            if (innerStride == 1)
            {
                array.AsSpan((int)offset, run).CopyTo(d);
            }
            else if (innerStride == 0)
            {
                d.Fill(array[offset]);
            }
            else
            {
                for (var i = 0; i < d.Length; i++)
                {
                    d[i] = array[offset + (i * innerStride)];
                }
            }
            written += run;
            index[n - 1] += run;
            offset += run * innerStride;
            for (var k = n - 1; k > 0 && index[k] == extents[k]; k--)
            {
                offset += strides[k - 1] - (extents[k] * strides[k]);
                index[k] = 0;
                index[k - 1]++;
            }
        }
    }
}

/// <summary>A constant: its tile is filled once and reused (refilled each tile only as the root).</summary>
internal sealed class ConstantStep<T>(T value, Slot<T> slot, int tileLength) : Step
{
    private bool _filled;

    public override void Run(long start, int count)
    {
        if (slot.HasTarget)
        {
            slot.Write(count).Fill(value);
            return;
        }
        if (!_filled)
        {
            slot.Write(tileLength).Fill(value);
            _filled = true;
        }
    }
}
