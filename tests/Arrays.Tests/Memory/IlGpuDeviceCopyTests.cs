using Tessera.Arrays.Lazy;

namespace Tessera.Arrays.Tests.Memory;

/// <summary>
/// Transposes, rechunks (through a concatenation of differently chunked arrays), flips and strided
/// slices of blocks resident on ILGPU's CPU accelerator run on the device: the only device-to-host
/// copies are the final result's blocks. Runs alone because the copy counter is process-wide.
/// </summary>
[Collection(nameof(IlGpuDeviceCopyTests))]
public class IlGpuDeviceCopyTests
{
    [Fact]
    public void StructuralSteps_OnIlGpuBlocks_CopyOnlyTheResultToTheHost()
    {
        var a = BlockedArray.FromArray(Enumerable.Range(0, 48).Select(v => (double)v).ToArray(), [6, 8], [2, 3]);
        var b = BlockedArray.FromArray(Enumerable.Range(100, 48).Select(v => (double)v).ToArray(), [6, 8], [3, 4]);
        // a.T's blocks come out of a transpose (so are on the device in the ILGPU run); joining them
        // with b.T flipped rechunks both along axis 1; the strided slice and last transpose gather
        // and permute device blocks again.
        var joined = BlockedArray.Concatenate([a.T, b.T.Flip(1)], axis: 0);
        var result = joined.Slice(0, 1, null, 2).T;
        var expected = result.Compute(new ComputeOptions { Scheduler = SchedulerKind.Synchronous, Device = Device.Cpu });

        var before = Residency.DeviceToHostCopies;
        var actual = result.Compute(new ComputeOptions { Scheduler = SchedulerKind.Synchronous, Device = Device.IlGpuCpu });
        var copies = Residency.DeviceToHostCopies - before;

        Assert.Equal(expected.ToArray(), actual.ToArray());
        Assert.Equal(result.Chunks.BlockCount, copies);
    }
}

/// <summary>The device-copy counter is process-wide: no other test may move device blocks meanwhile.</summary>
[CollectionDefinition(nameof(IlGpuDeviceCopyTests), DisableParallelization = true)]
public sealed class IlGpuDeviceCopyCollection
{
}
