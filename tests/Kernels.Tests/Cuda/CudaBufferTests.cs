using Tessera.Kernels.Backends;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.Cuda;

/// <summary>Buffers and copies of ILGPU's CUDA accelerator on a real GPU.</summary>
public class CudaBufferTests
{
    // 0 and 1 are edge cases; 3_000_001 doubles (24 MB) cross several 8 MiB staging pieces with a ragged last one.
    public static TheoryData<DType, int> TypesAndLengths()
    {
        var data = new TheoryData<DType, int>();
        foreach (var dtype in Enum.GetValues<DType>())
        {
            foreach (var n in (int[])[0, 1, 7, 733, 3_000_001])
            {
                data.Add(dtype, n);
            }
        }
        return data;
    }

    [CudaTheory]
    [MemberData(nameof(TypesAndLengths))]
    public void CopyToDeviceAndBack_RoundTripsEveryValue(DType dtype, int length)
    {
        var backend = CudaGpu.Interface;
        if (!backend.Holds(dtype))
        {
            BackendAssert.RefusesClearly(backend, dtype);
            return;
        }
        var data = TestData.Create(dtype, length, seed: length + 3);
        var buffer = Buffers.Upload(backend, data, length);
        var back = Buffers.Download(backend, buffer);
        Assert.Equal(length, back.Length);
        for (var i = 0; i < length; i++)
        {
            var expected = TestData.At(data, i);
            // Bitwise equality: NaN payloads and -0.0 must survive the trip.
            Assert.True(expected.Equals(back[i]) || (double.IsNaN(expected.ToDouble()) && double.IsNaN(back[i].ToDouble())),
                $"{dtype}[{length}] element {i}: sent {expected}, got {back[i]}");
        }
        backend.Free(buffer);
    }

    [CudaFact]
    public void Allocate_GivesZeroFilledMemory_EvenWhenTheBlockWasUsedBefore()
    {
        var backend = CudaGpu.Interface;
        var first = Buffers.Upload(backend, Enumerable.Repeat(7.0, 1000).ToArray(), 1000);
        backend.Free(first);
        var second = backend.Allocate(DType.Float64, [1000]);
        Assert.All(Buffers.Download(backend, second), s => Assert.Equal(0.0, s.ToDouble()));
        backend.Free(second);
    }

    [CudaFact]
    public void FreshBuffer_OnARecycledBlock_ReadsAsZerosInKernelsAndGemm()
    {
        // A freed block reused by the next allocation must read as zeros on every reading path.
        var backend = CudaGpu.Interface;
        const int n = 64;
        IDeviceBuffer Dirty()
        {
            var junk = Buffers.Upload(backend, Enumerable.Repeat(9.0, n * n).ToArray(), n, n);
            backend.Free(junk);
            return backend.Allocate(DType.Float64, [n, n]);
        }

        var x = Dirty();
        var y = backend.Allocate(DType.Float64, [n, n]);
        backend.Elementwise(Tessera.Kernels.Expressions.Ex.Input(0, DType.Float64) + 1.0, [x], y);
        Assert.All(Buffers.Download(backend, y), v => Assert.Equal(1.0, v.ToDouble()));
        backend.Free(x);

        var source = Dirty();
        backend.Elementwise(Tessera.Kernels.Expressions.Ex.Input(0, DType.Float64), [source], y);
        Assert.All(Buffers.Download(backend, y), v => Assert.Equal(0.0, v.ToDouble()));
        backend.Free(source);

        var a = Buffers.Upload(backend, Enumerable.Repeat(1.0, n * n).ToArray(), n, n);
        var c = Dirty();
        backend.Gemm(false, false, 1, a, a, 1, c); // beta = 1 reads C, which must be zeros
        Assert.All(Buffers.Download(backend, c), v => Assert.Equal(n, v.ToDouble()));
        foreach (var b in (IDeviceBuffer[])[a, c, y])
        {
            backend.Free(b);
        }
    }

    [CudaFact]
    public void CopyFromHost_WrongLengthOrType_Throws()
    {
        var backend = CudaGpu.Interface;
        var buffer = backend.Allocate(DType.Float32, [2, 2]);
        Assert.Contains("elements", Assert.Throws<ArgumentException>(() => backend.CopyFromHost<float>(new float[3], buffer)).Message);
        Assert.Throws<ArgumentException>(() => backend.CopyFromHost<double>(new double[4], buffer));
        Assert.Throws<ArgumentException>(() => backend.CopyFromHost<float>(new float[4], Tessera.Kernels.Cpu.CpuBackend.Instance.Allocate(DType.Float32, [4])));
        backend.Free(buffer);
    }

    [CudaFact]
    public void ManyChunks_UploadComputeDownload_StayConsistentAcrossStreams()
    {
        // Reused blocks and interleaved streams are where ordering bugs show: every chunk must come back as sent.
        var backend = CudaGpu.Interface;
        for (var round = 0; round < 20; round++)
        {
            var data = (double[])TestData.Create(DType.Float64, 200_000 + round, seed: round, specials: false);
            var src = Buffers.Upload(backend, data, data.Length);
            var dst = backend.Allocate(DType.Float64, [data.Length]);
            backend.Elementwise(Tessera.Kernels.Expressions.Ex.Input(0, DType.Float64), [src], dst);
            backend.Free(src);
            var back = new double[data.Length];
            backend.CopyToHost<double>(dst, back);
            Assert.Equal(data, back);
            backend.Free(dst);
        }
    }

    [CudaFact]
    public void Available_ListsTheGpuFirst_WithNameAndMemory()
    {
        var first = Device.Available[0];
        Assert.Equal(Device.Cuda(0), first.Device);
        Assert.True(first.IsGpu);
        Assert.Equal(CudaGpu.Backend.Accelerator.MemorySize, first.MemoryBytes);
        if (Environment.GetEnvironmentVariable(Device.EnvironmentVariable) is null)
        {
            Assert.Equal(Device.Cuda(0), Device.Default);
        }
    }

    [CudaFact]
    public void DroppedBuffers_GoBackToThePool_MoreThanTheDeviceHoldsCanBeAllocatedInTurn()
    {
        // Blocks the arrays layer lets go without Dispose must not leak device memory: allocating
        // twice the device's memory, one 1 GiB buffer at a time and dropping each, has to succeed.
        var backend = CudaGpu.Interface;
        const int Gib = 1 << 30;
        var rounds = (int)(2 * CudaGpu.Backend.Accelerator.MemorySize / Gib) + 1;
        for (var i = 0; i < rounds; i++)
        {
            var dropped = backend.Allocate(DType.Float32, [Gib / sizeof(float)]);
            Assert.Equal((long)Gib, dropped.ByteSize);
        }
    }
}
