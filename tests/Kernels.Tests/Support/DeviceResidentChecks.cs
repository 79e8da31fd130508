using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;

namespace Tessera.Kernels.Tests.Support;

/// <summary>
/// What the scheduler's device tier relies on, for any device backend: a buffer copies itself to
/// host exactly, and the host copy goes back to the same device as a new buffer, even after the
/// original was freed.
/// </summary>
internal static class DeviceResidentChecks
{
    public static void CopyToHostThenBack_AfterTheOriginalIsFreed_KeepsEveryValue(IComputeBackend backend, DType dtype)
    {
        const int rows = 7, columns = 105; // 735 elements: not a multiple of any vector or work-group width
        var data = TestData.Create(dtype, rows * columns, seed: 17);
        var original = Buffers.Upload(backend, data, rows, columns);
        var resident = Assert.IsAssignableFrom<IDeviceResident>(original);
        Assert.Equal(backend.Device, resident.Device);
        var expected = Buffers.Download(backend, original);

        var host = Assert.IsAssignableFrom<CpuBuffer>(resident.CopyToHost());
        resident.Dispose();
        var back = resident.CopyToDevice(host);

        Assert.Equal([rows, columns], host.Shape);
        Assert.Equal(resident.ByteSize, host.ByteSize);
        var restored = Assert.IsAssignableFrom<IDeviceBuffer>(back);
        Assert.Equal(backend.Device, restored.Device);
        Assert.Equal([rows, columns], restored.Shape);
        var actual = Buffers.Download(backend, restored);
        for (var i = 0; i < expected.Length; i++)
        {
            // Bitwise: NaN payloads and -0.0 must survive the round trip.
            Assert.True(expected[i].Equals(actual[i]) || (double.IsNaN(expected[i].ToDouble()) && double.IsNaN(actual[i].ToDouble())),
                $"{dtype} element {i}: was {expected[i]}, came back {actual[i]}");
        }
        restored.Dispose();
    }

    public static void CopyToDevice_NotAHostBuffer_ThrowsSayingWhatToPass(IComputeBackend backend)
    {
        var resident = (IDeviceResident)backend.Allocate(DType.Float64, [3]);
        var error = Assert.Throws<ArgumentException>(() => resident.CopyToDevice(new ForeignSpillable()));
        Assert.Contains("CopyToHost", error.Message, StringComparison.Ordinal);
        resident.Dispose();
    }

    private sealed class ForeignSpillable : ISpillable
    {
        public long ByteSize => 24;

        public ISpillCodec SpillCodec => throw new NotSupportedException();

        public void SpillTo(Stream destination) => throw new NotSupportedException();
    }
}
