using System.Numerics.Tensors;
using Tessera.Diagnostics;

namespace Tessera.Arrays.Tests.Memory;

/// <summary>
/// The device tier end to end on ILGPU's CPU accelerator (<c>ilgpu-cpu</c>, which every machine
/// has): blocks live in ILGPU buffers, the same IlGpuBuffer type CUDA and OpenCL use, a tiny
/// DeviceMemoryLimit makes the scheduler move them to host, and the next device task uploads them
/// again. Results must not change.
/// </summary>
public class BlockedArrayDeviceTierTests
{
    private const long ArrayBytes = 480L * 480 * sizeof(double);

    private static Device IlGpuCpu
    {
        get
        {
            var device = Device.IlGpuCpu;
            // ILGPU's CPU accelerator needs no driver, so its absence is a bug, not a reason to skip.
            Assert.True(Device.Available.Any(d => d.Device == device), $"ilgpu-cpu is not listed.\n{Device.Available}");
            return device;
        }
    }

    private static BlockedArray<double> Input() =>
        BlockedArray.Random(seed: 11).Normal<double>([480, 480], chunks: [100, 100]); // uneven last blocks

    [Theory]
    [InlineData(SchedulerKind.Synchronous)]
    [InlineData(SchedulerKind.Threaded)]
    public void AddTranspose_OnTheIlGpuCpuAcceleratorOverTheDeviceLimit_EqualsTheCpuResultAndMovesBlocksToHost(SchedulerKind scheduler)
    {
        var expected = (Input() + Input().T).Compute(new ComputeOptions { Scheduler = scheduler, Device = Device.Cpu });
        var recorder = new MemorySummaryRecorder();

        var actual = (Input() + Input().T).Compute(new ComputeOptions
        {
            Scheduler = scheduler,
            Device = IlGpuCpu,
            MaxDegreeOfParallelism = 2,
            DeviceMemoryLimit = ArrayBytes / 8,
            Observers = [recorder],
        });

        // Bit-identical: a moved block is an exact host copy, and addition rounds the same on both devices.
        Assert.True(Bits(expected).SequenceEqual(Bits(actual)), "the result computed under the device limit differs from the CPU's");
        var memory = recorder.Last!;
        Assert.Equal(ArrayBytes / 8, memory.DeviceLimit);
        Assert.True(memory.SpilledFrom(MemoryTier.Device) > 0, $"nothing moved off the device: {memory}");
        Assert.Equal(memory.SpilledFrom(MemoryTier.Device), recorder.SpilledBytes); // every move was reported
        Assert.True(memory.PeakIn(MemoryTier.Device) > ArrayBytes / 8, $"device peak {memory.PeakIn(MemoryTier.Device)} is not over the limit");
    }

    [Theory]
    [InlineData(SchedulerKind.Synchronous)]
    [InlineData(SchedulerKind.Threaded)]
    public void SumOfAddTranspose_OnTheIlGpuCpuAcceleratorOverTheDeviceLimit_EqualsTheUnlimitedSum(SchedulerKind scheduler)
    {
        var cpu = (Input() + Input().T).Sum().Compute(new ComputeOptions { Scheduler = scheduler, Device = Device.Cpu });
        var unlimited = (Input() + Input().T).Sum().Compute(new ComputeOptions { Scheduler = scheduler, Device = IlGpuCpu });
        var recorder = new MemorySummaryRecorder();

        var limited = (Input() + Input().T).Sum().Compute(new ComputeOptions
        {
            Scheduler = scheduler,
            Device = IlGpuCpu,
            MaxDegreeOfParallelism = 2,
            DeviceMemoryLimit = ArrayBytes / 8,
            Observers = [recorder],
        });

        // Moving blocks changes no value, so the sum is the same bits as without a limit; the ILGPU
        // reduction adds in another order than the CPU's, so against the CPU only to rounding
        // (a sum of 230,400 terms of magnitude ~1: 1e-9 absolute is far above its rounding error).
        Assert.Equal(BitConverter.DoubleToInt64Bits(unlimited), BitConverter.DoubleToInt64Bits(limited));
        Assert.Equal(cpu, limited, 1e-9);
        Assert.True(recorder.Last!.SpilledFrom(MemoryTier.Device) > 0, $"nothing moved off the device: {recorder.Last}");
    }

    [Fact]
    public void PersistedBlocks_UsedUnderATinyDeviceLimit_StayOnTheDeviceAndUsable()
    {
        var device = IlGpuCpu;
        var persisted = Input().Persist(new ComputeOptions { Device = device });
        var options = new ComputeOptions { Device = device, MaxDegreeOfParallelism = 2, DeviceMemoryLimit = 1 };

        var first = (persisted + persisted.T).Sum().Compute(options);
        var second = (persisted + persisted.T).Sum().Compute(options);

        // Had a run freed a persisted block, the second run (or this read) would fail on a released buffer.
        Assert.Equal(BitConverter.DoubleToInt64Bits(first), BitConverter.DoubleToInt64Bits(second));
        var expected = Input().Compute(new ComputeOptions { Device = Device.Cpu });
        Assert.True(Bits(expected).SequenceEqual(Bits(persisted.Compute(options))), "the persisted blocks changed");
    }

    private static long[] Bits(Tensor<double> tensor) =>
        [.. tensor.ToArray().Select(BitConverter.DoubleToInt64Bits)];
}
