namespace Tessera.Kernels.Cpu.Fused;

/// <summary>
/// Reads an input's tile. A contiguous input is aliased in place (no copy); a broadcast or
/// otherwise strided one is gathered run by run along its innermost merged axis.
/// </summary>
internal sealed class InputStep<T>(CpuBuffer<T> buffer, StridedLayout layout, Slot<T> slot) : Step
{
    public override bool ReadsInPlace => layout.IsContiguous && !slot.HasTarget;

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
        Gather(start, slot.Write(count));
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
