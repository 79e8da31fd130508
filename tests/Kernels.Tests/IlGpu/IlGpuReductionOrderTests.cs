using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.IlGpu;
using Tessera.Kernels.IlGpu.Reductions;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.IlGpu;

/// <summary>
/// The ILGPU reductions combine in a fixed order: the same call gives the same bits every run, and
/// those bits are the documented order's (stage 1: thread t folds elements t, t + G… of its slot,
/// a halving tree merges threads; stage 2: the same over slots), replayed here on the host with the
/// same op structs.
/// </summary>
public sealed class IlGpuReductionOrderTests
{
    private const int Rows = 3;
    private const int Columns = 20_000;

    private static readonly IlGpuBackend Backend = IlGpuBackend.For(Device.IlGpuCpu);

    // Several groups (3 outputs x 13 slots on a 4-group grid, so groups stride over work items) and partials.
    private static readonly ReductionSchedule Split = new(GroupSize: 4, Slots: 13, Rows: false, MaxGroups: 4);

    public static TheoryData<string> Kinds() => ["Sum", "Prod", "Mean", "Var", "Std", "ArgMax", "NanMin"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SameReductionTwice_GivesIdenticalBits(string kindName)
    {
        var kind = Enum.Parse<ReductionKind>(kindName);
        var input = Buffers.Upload(Backend, Values(seed: 7), Rows, Columns);
        foreach (var schedule in new ReductionSchedule?[] { null, Split })
        {
            foreach (int[] axes in new[] { new[] { 1 }, [0, 1] })
            {
                var first = Run(kind, input, axes, schedule);
                var second = Run(kind, input, axes, schedule);
                Assert.Equal(first, second);
            }
        }
    }

    // One warp per group (shuffles only), and four warps (shared memory across warps, then shuffles).
    [Theory]
    [InlineData(4)]
    [InlineData(16)]
    public void StagePartials_CombineInTheDocumentedOrder(int groupSize)
    {
        var data = Values(seed: 11);
        var input = Buffers.Upload(Backend, data, Rows, Columns);
        var axes = ReductionAxes.Create([Rows, Columns], new HashSet<int> { 1 });
        var schedule = Split with { GroupSize = groupSize };
        var geometry = ReductionLauncher.Geometry(axes, schedule);
        Assert.True(geometry.Slots > 1, $"the split must give several partials per output; got {geometry.Slots}");

        AssertReplay<double, double, FloatProduct<double, F64, PropagateNaN>>(ReductionKind.Prod, input, data, geometry, schedule);
        AssertReplay<Moments, double, MomentOp<double, F64, PropagateNaN, VarianceOf, double, F64>>(ReductionKind.Var, input, data, geometry, schedule);
        AssertReplay<CompensatedSum, double, FloatSum<double, F64, PropagateNaN>>(ReductionKind.Sum, input, data, geometry, schedule);
    }

    [Fact]
    public void Replay_TellsOrdersApart()
    {
        // The replay would pass any order if the op did not care: a product of these values does.
        var data = Values(seed: 11);
        var axes = ReductionAxes.Create([Rows, Columns], new HashSet<int> { 1 });
        var geometry = ReductionLauncher.Geometry(axes, Split);
        var row = data.AsSpan(0, Columns).ToArray();
        var forward = Replay<double, double, FloatProduct<double, F64, PropagateNaN>>(row, geometry, Split.GroupSize, reverseSlots: false);
        var backward = Replay<double, double, FloatProduct<double, F64, PropagateNaN>>(row, geometry, Split.GroupSize, reverseSlots: true);
        Assert.NotEqual(BitConverter.DoubleToInt64Bits(forward), BitConverter.DoubleToInt64Bits(backward));
    }

    private static void AssertReplay<TAcc, TOut, TOp>(ReductionKind kind, IDeviceBuffer input, double[] data, ReductionGeometry geometry,
        ReductionSchedule schedule)
        where TAcc : unmanaged
        where TOut : unmanaged
        where TOp : struct, IAccumulateOp<double, TAcc>, IFinishOp<TAcc, TOut>
    {
        var device = Run(kind, input, [1], schedule);
        for (var o = 0; o < Rows; o++)
        {
            var expected = Replay<TAcc, TOut, TOp>(data.AsSpan(o * Columns, Columns).ToArray(), geometry, schedule.GroupSize, reverseSlots: false);
            Assert.True(BitConverter.DoubleToInt64Bits((double)(object)expected) == device[o],
                $"{kind} output {o}: device {BitConverter.Int64BitsToDouble(device[o]):R}, documented order {expected:R}");
        }
    }

    // The kernels' order on the host: per slot, thread t folds elements t, t + G… then the halving
    // tree; stage 2 folds slots the same way and finishes.
    private static TOut Replay<TAcc, TOut, TOp>(double[] row, ReductionGeometry g, int group, bool reverseSlots)
        where TAcc : unmanaged
        where TOut : unmanaged
        where TOp : struct, IAccumulateOp<double, TAcc>, IFinishOp<TAcc, TOut>
    {
        var partials = new TAcc[g.Slots];
        for (var s = 0; s < g.Slots; s++)
        {
            var start = s * g.Chunk;
            var end = Math.Min(start + g.Chunk, g.Reduced);
            var threads = new TAcc[group];
            for (var t = 0; t < group; t++)
            {
                threads[t] = TOp.Empty();
                for (var r = start + t; r < end; r += group)
                {
                    threads[t] = TOp.Add(threads[t], row[r], r);
                }
            }
            partials[s] = Tree<TAcc, TOp>(threads);
        }
        if (reverseSlots)
        {
            Array.Reverse(partials);
        }
        var merged = new TAcc[group];
        for (var t = 0; t < group; t++)
        {
            merged[t] = TOp.Empty();
            for (var s = t; s < g.Slots; s += group)
            {
                merged[t] = TOp.Merge(merged[t], partials[s]);
            }
        }
        return TOp.Finish(Tree<TAcc, TOp>(merged), 0);
    }

    private static TAcc Tree<TAcc, TOp>(TAcc[] threads)
        where TAcc : unmanaged
        where TOp : struct, IMergeOp<TAcc>
    {
        for (var stride = threads.Length / 2; stride > 0; stride /= 2)
        {
            for (var t = 0; t < stride; t++)
            {
                threads[t] = TOp.Merge(threads[t], threads[t + stride]);
            }
        }
        return threads[0];
    }

    // Bits of each output: float results as their IEEE bits, integer results as they are.
    private static long[] Run(ReductionKind kind, IDeviceBuffer input, int[] axes, ReductionSchedule? schedule)
    {
        var shape = new[] { Rows, Columns }.Where((_, k) => !axes.Contains(k)).ToArray();
        var output = Backend.Allocate(ReductionTypes.ResultType(kind, DType.Float64), shape);
        Backend.Reduce(kind, Ex.Input(0, DType.Float64), [input], axes, output, 0, schedule);
        var values = Buffers.Download(Backend, output);
        return [.. values.Select(v => v.DType == DType.Float64 ? BitConverter.DoubleToInt64Bits(v.ToDouble()) : (long)v.ToDouble())];
    }

    // Magnitudes near 1 with a wide spread of low-order bits, so every rounding depends on the order.
    private static double[] Values(int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, Rows * Columns).Select(_ => 0.999 + (random.NextDouble() * 0.002) + (random.NextDouble() * 1e3 * random.NextDouble() * 1e-9))];
    }
}
