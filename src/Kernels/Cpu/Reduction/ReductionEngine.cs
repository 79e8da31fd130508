using System.Runtime.CompilerServices;
using Tessera.Kernels.Cpu.Fused;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// Runs one reduction: evaluates the fused prologue tile by tile in the input's row-major order
/// (so inputs stream once, contiguously) and hands each tile's runs to the reducer, walking the
/// merged axes of <see cref="ReductionLayout"/>. Only the accumulators (one per output) and the
/// prologue's tiles are allocated; nothing of the input's size.
/// </summary>
internal static class ReductionEngine
{
    public static void Run<T, TAcc, TOut, TReducer>(FusedProgram program, ReductionLayout layout, CpuBuffer<TOut> output, int ddof)
        where TReducer : IReducer<T, TAcc, TOut>
    {
        var accs = Accumulate<T, TAcc, TOut, TReducer>(program, layout);
        var result = output.Span;
        for (var i = 0; i < accs.Length; i++)
        {
            result[i] = TReducer.Finish(accs[i], ddof);
        }
    }

    /// <summary>The accumulator of every output after one pass over the input, before finishing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static TAcc[] Accumulate<T, TAcc, TOut, TReducer>(FusedProgram program, ReductionLayout layout)
        where TReducer : IReducer<T, TAcc, TOut>
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
        var lanes = TReducer.SumsLanesInDouble && !reduced[last] ? new LaneSums((int)layout.OutputLength) : null;
        // Lane sums fold on tile boundaries, so they keep short tiles (and their accuracy bound).
        var tileLength = lanes is null ? program.ReadingTileLength : FusedProgram.TileLength;
        for (long start = 0; start < total; start += tileLength)
        {
            var count = (int)Math.Min(tileLength, total - start);
            program.Run(start, count);
            var values = root.Read(count);
            var done = 0;
            while (done < count)
            {
                var run = Math.Min(extents[last] - index[last], count - done);
                var segment = values.Slice(done, run);
                if (reduced[last])
                {
                    TReducer.AddRun(ref accs[outOffset], segment, redOffset);
                }
                else if (lanes is not null)
                {
                    lanes.Add((int)outOffset, segment);
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
            if (lanes is { IsDue: true })
            {
                lanes.FoldInto<TAcc, TReducer, T, TOut>(accs);
            }
        }
        lanes?.FoldInto<TAcc, TReducer, T, TOut>(accs);
        return accs;
    }
}
