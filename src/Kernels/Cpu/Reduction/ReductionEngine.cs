using System.Runtime.CompilerServices;
using Tessera.Kernels.Cpu.Fused;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// Runs one reduction: evaluates the fused prologue tile by tile in the input's row-major order
/// (so inputs stream once, contiguously) and hands each tile's runs to the reducer, walking the
/// merged axes of <see cref="ReductionLayout"/>. Only the accumulators (one per output) and the
/// prologue's tiles are allocated; nothing of the input's size. <c>TW</c> is the vector width
/// of the lane sums (the reducers carry their own).
/// </summary>
internal static class ReductionEngine
{
    public static void Run<T, TAcc, TOut, TReducer, TW>(FusedProgram program, ReductionLayout layout, CpuBuffer<TOut> output, int ddof)
        where TReducer : IReducer<T, TAcc, TOut>
        where TW : IVectorWidth
    {
        var accs = Accumulate<T, TAcc, TOut, TReducer, TW>(program, layout);
        var result = output.Span;
        for (var i = 0; i < accs.Length; i++)
        {
            result[i] = TReducer.Finish(accs[i], ddof);
        }
    }

    /// <summary>The accumulator of every output after one pass over the input, before finishing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static TAcc[] Accumulate<T, TAcc, TOut, TReducer, TW>(FusedProgram program, ReductionLayout layout)
        where TReducer : IReducer<T, TAcc, TOut>
        where TW : IVectorWidth
    {
        var accs = new TAcc[layout.OutputLength];
        accs.AsSpan().Fill(TReducer.Identity());
        var root = (Slot<T>)program.Root;
        var extents = layout.Extents;
        var reduced = layout.Reduced;
        var outStrides = layout.OutputStrides;
        var redStrides = layout.ReducedStrides;
        var n = extents.Length;
        var last = n - 1;
        Span<int> index = stackalloc int[n];
        long outOffset = 0, redOffset = 0;
        var total = program.Length;
        // Outer-axis reductions are all lane work: every reducer's rows go through vector lanes.
        IKeptAxisLanes? lanes = reduced[last] ? null
            : TReducer.SumsLanesInDouble ? new LaneSums((int)layout.OutputLength)
            : TReducer.CreateLanes((int)layout.OutputLength);
        var tileLength = program.ReadingTileLength;
        if (tileLength > FusedProgram.TileLength && extents[last] < tileLength)
        {
            // Inputs read in place: tiles of whole rows, so runs and row groups never break mid-row.
            tileLength -= tileLength % extents[last];
        }
        for (long start = 0; start < total; start += tileLength)
        {
            var count = (int)Math.Min(tileLength, total - start);
            program.Run(start, count);
            var values = root.Read(count);
            var done = 0;
            while (done < count)
            {
                if (lanes is not null && last > 0 && reduced[last - 1] && index[last] == 0)
                {
                    // Whole rows along a reduced axis, all feeding the same outputs: added together.
                    var rows = Math.Min(Math.Min((count - done) / extents[last], extents[last - 1] - index[last - 1]),
                        lanes.RowsBeforeDue(extents[last]));
                    if (rows >= 2)
                    {
                        lanes.AddRows<T, TW>((int)outOffset, values.Slice(done, rows * extents[last]), extents[last], rows);
                        if (lanes.IsDue)
                        {
                            lanes.FoldInto<TAcc, TReducer, T, TOut>(accs);
                        }
                        done += rows * extents[last];
                        index[last - 1] += rows;
                        redOffset += rows * redStrides[last - 1];
                        for (var k = last - 1; k > 0 && index[k] == extents[k]; k--)
                        {
                            outOffset += outStrides[k - 1] - (extents[k] * outStrides[k]);
                            redOffset += redStrides[k - 1] - (extents[k] * redStrides[k]);
                            index[k] = 0;
                            index[k - 1]++;
                        }
                        continue;
                    }
                }
                var run = Math.Min(extents[last] - index[last], count - done);
                var segment = values.Slice(done, run);
                if (reduced[last])
                {
                    TReducer.AddRun(ref accs[outOffset], segment, redOffset);
                }
                else if (lanes is not null)
                {
                    lanes.Add<T, TW>((int)outOffset, segment);
                    // Folded by rows added, not by tiles: long tiles keep the lanes' accuracy bound.
                    if (lanes.IsDue)
                    {
                        lanes.FoldInto<TAcc, TReducer, T, TOut>(accs);
                    }
                }
                else
                {
                    TReducer.AddLanes(accs.AsSpan((int)outOffset, run), segment, redOffset);
                }
                done += run;
                index[last] += run;
                outOffset += run * outStrides[last];
                redOffset += run * redStrides[last];
                for (var k = last; k > 0 && index[k] == extents[k]; k--)
                {
                    outOffset += outStrides[k - 1] - (extents[k] * outStrides[k]);
                    redOffset += redStrides[k - 1] - (extents[k] * redStrides[k]);
                    index[k] = 0;
                    index[k - 1]++;
                }
            }
        }
        lanes?.FoldInto<TAcc, TReducer, T, TOut>(accs);
        return accs;
    }
}
