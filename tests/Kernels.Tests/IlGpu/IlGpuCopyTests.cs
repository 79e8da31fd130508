using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.IlGpu;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.IlGpu;

/// <summary>
/// The device-side block copies (region, permute, gather, reshape) on ILGPU's CPU accelerator,
/// against the CPU backend's host routines, for every element type and the edge shapes (0-d, empty).
/// </summary>
public sealed class IlGpuCopyTests
{
    private static readonly IComputeBackend Cpu = CpuBackend.Instance;

    private static IComputeBackend Device => IlGpuBackend.For(Tessera.Device.IlGpuCpu);

    public static TheoryData<DType> DTypes => [DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.Bool];

    [Fact]
    public void Permute_KnownTranspose()
    {
        var source = Buffers.Upload(Device, new int[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var target = Device.Allocate(DType.Int32, [3, 2]);
        Device.Permute(source, target, [1, 0]);
        Assert.Equal([1, 4, 2, 5, 3, 6], Buffers.Download(Device, target).Select(s => (int)s.ToDouble()));
    }

    [Theory]
    [MemberData(nameof(DTypes))]
    public void CopyRegion_EveryShape_MatchesTheCpu(DType dtype)
    {
        // (source shape, source start, destination shape, destination start, extent)
        (int[], int[], int[], int[], int[])[] cases =
        [
            ([], [], [], [], []),
            ([7], [2], [5], [1], [4]),
            ([3, 4, 5], [1, 0, 2], [2, 6, 4], [0, 1, 1], [2, 4, 3]),
            ([3, 4], [0, 0], [3, 4], [0, 0], [3, 4]),
            ([3, 4], [1, 1], [2, 2], [0, 0], [0, 2]),
            ([0, 4], [0, 0], [2, 4], [1, 0], [0, 4]),
        ];
        foreach (var (sourceShape, sourceStart, targetShape, targetStart, extent) in cases)
        {
            Same(dtype, sourceShape, targetShape, (b, s, t) => b.CopyRegion(s, sourceStart, t, targetStart, extent));
        }
    }

    [Theory]
    [MemberData(nameof(DTypes))]
    public void Permute_EveryShape_MatchesTheCpu(DType dtype)
    {
        (int[], int[])[] cases = [([], []), ([5], [0]), ([3, 4], [1, 0]), ([2, 3, 4], [2, 0, 1]), ([0, 3], [1, 0]), ([2, 1, 3, 2], [3, 1, 0, 2])];
        foreach (var (shape, axes) in cases)
        {
            Same(dtype, shape, [.. axes.Select(a => shape[a])], (b, s, t) => b.Permute(s, t, axes));
        }
    }

    [Theory]
    [MemberData(nameof(DTypes))]
    public void Gather_RunsStepsFlipsBroadcastsAndLists_MatchTheCpu(DType dtype)
    {
        (int[] Source, int[] Target, AxisPositions[] Picks, AxisPositions[] Places)[] cases =
        [
            ([], [], [], []),
            ([6], [3], [new(0, 2, 3)], [new(0, 1, 3)]),                                  // step 2
            ([6], [6], [new(5, -1, 6)], [new(0, 1, 6)]),                                 // flip
            ([1, 4], [3, 4], [new(0, 0, 3), new(0, 1, 4)], [new(0, 1, 3), new(0, 1, 4)]), // broadcast
            ([4, 5], [3, 6], [AxisPositions.Listed([3, 0, 3]), new(1, 1, 3)], [new(0, 1, 3), AxisPositions.Listed([5, 1, 2])]),
            ([2, 3, 4], [2, 2, 2], [new(1, -1, 2), new(0, 2, 2), AxisPositions.Listed([3, 1])], [new(0, 1, 2), new(0, 1, 2), new(0, 1, 2)]),
            ([4, 5], [4, 5], [new(0, 1, 0), new(0, 1, 5)], [new(0, 1, 0), new(0, 1, 5)]),  // nothing picked
        ];
        foreach (var (sourceShape, targetShape, picks, places) in cases)
        {
            Same(dtype, sourceShape, targetShape, (b, s, t) => b.Gather(s, picks, t, places));
        }
    }

    [Theory]
    [MemberData(nameof(DTypes))]
    public void Reshape_KeepsTheElements_OnTheDevice(DType dtype)
    {
        (int[], int[])[] cases = [([2, 3], [3, 2]), ([6], [1, 6, 1]), ([], [1]), ([0, 3], [3, 0])];
        foreach (var (from, to) in cases)
        {
            var data = Data(dtype, from);
            var source = Buffers.Upload(Device, data, from);
            var reshaped = Device.Reshape(source, to);
            Assert.IsType<IlGpuBuffer>(reshaped);
            Assert.Equal(to, reshaped.Shape);
            Assert.Equal(Buffers.Download(Cpu, Buffers.Upload(Cpu, data, from)), Buffers.Download(Device, reshaped));
        }
    }

    [Fact]
    public void BadArguments_FailWithTheCpuBackendsMessages()
    {
        foreach (var backend in new[] { Cpu, Device })
        {
            var source = backend.Allocate(DType.Float32, [3, 4]);
            var target = backend.Allocate(DType.Float32, [2, 2]);
            var outside = Assert.Throws<ArgumentOutOfRangeException>(() => backend.CopyRegion(source, [2, 0], target, [0, 0], [2, 2]));
            Assert.Contains("do not fit", outside.Message);
            var wrongShape = Assert.Throws<ArgumentException>(() => backend.Permute(source, target, [1, 0]));
            Assert.Contains("gives [4, 3]", wrongShape.Message);
            var notPermutation = Assert.Throws<ArgumentException>(() => backend.Permute(source, backend.Allocate(DType.Float32, [4, 3]), [1, 1]));
            Assert.Contains("not a permutation", notPermutation.Message);
            var badPick = Assert.Throws<ArgumentOutOfRangeException>(
                () => backend.Gather(source, [new(0, 1, 2), AxisPositions.Listed([0, 4])], target, [new(0, 1, 2), new(0, 1, 2)]));
            Assert.Contains("position 4", badPick.Message);
            var otherType = backend.Allocate(DType.Int32, [3, 4]);
            Assert.Throws<ArgumentException>(() => backend.Permute(source, otherType, [0, 1]));
            Assert.Throws<ArgumentException>(() => backend.Reshape(source, [5, 2]));
        }
    }

    /// <summary>Runs <paramref name="copy"/> on both backends from the same data (the destination pre-filled, so kept elements are checked too).</summary>
    private static void Same(DType dtype, int[] sourceShape, int[] targetShape, Action<IComputeBackend, IDeviceBuffer, IDeviceBuffer> copy)
    {
        var source = Data(dtype, sourceShape);
        var target = Data(dtype, targetShape, offset: 1000);
        Scalar[] Run(IComputeBackend backend)
        {
            var t = Buffers.Upload(backend, target, targetShape);
            copy(backend, Buffers.Upload(backend, source, sourceShape), t);
            return Buffers.Download(backend, t);
        }
        var expected = Run(Cpu);
        var actual = Run(Device);
        Assert.True(expected.SequenceEqual(actual),
            $"{dtype} {Shapes.Format(sourceShape)} → {Shapes.Format(targetShape)}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
    }

    private static Array Data(DType dtype, int[] shape, int offset = 0)
    {
        var n = shape.Aggregate(1, (a, d) => a * d);
        var values = Enumerable.Range(offset, n).ToArray();
        return dtype switch
        {
            DType.Float32 => values.Select(v => v + 0.5f).ToArray(),
            DType.Float64 => values.Select(v => v - 0.25).ToArray(),
            DType.Int32 => values,
            DType.Int64 => values.Select(v => (long)v << 33).ToArray(),
            _ => values.Select(v => (v * 7 % 3) == 0).ToArray(),
        };
    }
}
