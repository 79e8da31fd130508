using System.Numerics.Tensors;
using Tessera.Diagnostics;

namespace Tessera.Arrays.Tests.Memory;

public class BlockedArraySpillingTests
{
    // These tests are about the host tier, so the blocks must be host blocks even when the suite
    // runs on ILGPU (TESSERA_DEVICE=ilgpu-cpu): device buffers count against the device budget instead
    // (BlockedArrayDeviceTierTests).
    private static readonly Device HostTier = Device.Cpu;

    private static BlockedArray<double> Input() =>
        BlockedArray.Random(seed: 11).Normal<double>([480, 480], chunks: [100, 100]); // uneven last blocks

    [Theory]
    [InlineData(SchedulerKind.Synchronous)]
    [InlineData(SchedulerKind.Threaded)]
    public void AddTranspose_ArrayTwiceTheLimit_EqualsTheUnlimitedResultAndSpills(SchedulerKind scheduler)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"tessera-arrays-memtest-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var expected = (Input() + Input().T).Compute(new ComputeOptions { Scheduler = scheduler, Device = HostTier });
            var bytes = 480L * 480 * sizeof(double);
            var recorder = new MemorySummaryRecorder();

            var actual = (Input() + Input().T).Compute(new ComputeOptions
            {
                Scheduler = scheduler,
                Device = HostTier,
                MaxDegreeOfParallelism = 2,
                MemoryLimit = bytes / 2,
                SpillDirectory = folder,
                Observers = [recorder],
            });

            Assert.Equal(expected.Lengths.ToArray(), actual.Lengths.ToArray());
            // Bit-identical, not merely close: spilled chunks come back exactly as written.
            Assert.True(Bits(expected).SequenceEqual(Bits(actual)), "the result computed under the limit differs from the unlimited one");
            var memory = recorder.Last!;
            Assert.Equal(bytes / 2, memory.HostLimit);
            Assert.True(memory.SpilledFrom(MemoryTier.Host) > 0, $"nothing spilled: {memory}");
            Assert.True(memory.RestoredInto(MemoryTier.Host) > 0, $"nothing restored: {memory}");
            Assert.Equal(memory.SpilledFrom(MemoryTier.Host), recorder.SpilledBytes);
            Assert.Empty(Directory.GetFileSystemEntries(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(SchedulerKind.Synchronous)]
    [InlineData(SchedulerKind.Threaded)]
    public void SumOfAddTranspose_IntermediatesOverTheLimit_SpillAndEqualTheUnlimitedSum(SchedulerKind scheduler)
    {
        // Only a scalar is returned, so what spills are the input blocks the transpose keeps waiting.
        var expected = (Input() + Input().T).Sum().Compute(new ComputeOptions { Scheduler = scheduler, Device = HostTier });
        var recorder = new MemorySummaryRecorder();

        var actual = (Input() + Input().T).Sum().Compute(new ComputeOptions
        {
            Scheduler = scheduler,
            Device = HostTier,
            MaxDegreeOfParallelism = 2,
            MemoryLimit = 480L * 480 * sizeof(double) / 8,
            Observers = [recorder],
        });

        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
        Assert.True(recorder.Last!.SpilledFrom(MemoryTier.Host) > 0, $"nothing spilled: {recorder.Last}");
        Assert.True(recorder.Last.RestoredInto(MemoryTier.Host) > 0, $"nothing restored: {recorder.Last}");
    }

    private static long[] Bits(Tensor<double> tensor) =>
        [.. tensor.ToArray().Select(BitConverter.DoubleToInt64Bits)];
}
