using Tessera.Kernels.Cuda;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.Cuda;

/// <summary>Uploads run on their own stream while kernels compute (timed with CUDA events).</summary>
public class CudaOverlapTests
{
    // Spins on the GPU's nanosecond timer: a kernel of known duration that uses no memory bandwidth.
    private const string SpinSource = """
        extern "C" __global__ void tessera_spin(unsigned long long nanoseconds, int* done)
        {
            unsigned long long start, now;
            asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(start));
            do
            {
                asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(now));
            } while (now - start < nanoseconds);
            done[0] = 1;
        }
        """;

    [CudaFact]
    public void Upload_WhileAKernelRuns_FinishesBeforeTheKernel()
    {
        var backend = CudaGpu.Backend;
        var flag = backend.Allocate(DType.Int32, [1]);
        var data = (float[])TestData.Create(DType.Float32, 16 << 20, seed: 1, specials: false); // 64 MiB
        var target = backend.Allocate(DType.Float32, [data.Length]);
        backend.Synchronize();

        // Warm up: compile the kernel and touch the pinned pool so neither is timed.
        Spin(backend, flag, 1_000_000);
        backend.CopyFromHost<float>(data, target);
        backend.Synchronize();

        var kernelStart = backend.RecordTimingEvent(CudaStreamKind.Compute);
        Spin(backend, flag, 300_000_000); // 300 ms
        var kernelEnd = backend.RecordTimingEvent(CudaStreamKind.Compute);
        backend.CopyFromHost<float>(data, target);
        var copyEnd = backend.RecordTimingEvent(CudaStreamKind.Upload);

        var kernelMs = backend.ElapsedMilliseconds(kernelStart, kernelEnd);
        var copyDoneMs = backend.ElapsedMilliseconds(kernelStart, copyEnd);
        Assert.True(kernelMs >= 290, $"the spin kernel ran {kernelMs} ms, expected about 300");
        // Serialised, the copy would end after the kernel; overlapped, it ends while the kernel still spins.
        Assert.True(copyDoneMs < kernelMs, $"the upload finished {copyDoneMs} ms after the kernel started, the kernel took {kernelMs} ms: no overlap");

        var back = new float[data.Length];
        backend.CopyToHost<float>(target, back);
        Assert.Equal(data, back);
        foreach (var e in (CudaEvent[])[kernelStart, kernelEnd, copyEnd])
        {
            backend.Release(e);
        }
        backend.Free(flag);
        backend.Free(target);
    }

    [CudaFact]
    public void KernelAfterUpload_SeesTheUploadedData()
    {
        // The other side of the protocol: a kernel reading a buffer waits for that buffer's upload.
        const string source = """
            extern "C" __global__ void tessera_sum_first(const double* x, int n, double* out)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += x[i];
                out[0] = s;
            }
            """;
        var backend = CudaGpu.Backend;
        var x = Enumerable.Range(1, 4096).Select(i => (double)i).ToArray();
        var input = Buffers.Upload(backend, x, x.Length);
        var output = backend.Allocate(DType.Float64, [1]);
        backend.Launch(source, "sum_first", "tessera_sum_first", (1, 1, 1), (1, 1, 1), 0, [input, output],
            [KernelArgument.Pointer(((CudaBuffer)input).Address), KernelArgument.Int32(x.Length), KernelArgument.Pointer(((CudaBuffer)output).Address)]);
        Assert.Equal(4096.0 * 4097 / 2, Buffers.Download(backend, output)[0].ToDouble());
    }

    [CudaFact]
    public void CompileError_CarriesTheLogAndTheSource()
    {
        var backend = CudaGpu.Backend;
        var flag = backend.Allocate(DType.Int32, [1]);
        var error = Assert.Throws<Tessera.Kernels.Gpu.KernelCompileException>(() =>
            backend.Launch("extern \"C\" __global__ void broken() { undeclared_name = 1; }", "broken", "broken", (1, 1, 1), (1, 1, 1), 0, [flag], []));
        Assert.Contains("undeclared_name", error.Log);
        Assert.Contains("   1: extern", error.Message);
        Assert.Contains("undeclared_name", error.Source);
        backend.Free(flag);
    }

    private static void Spin(CudaBackend backend, Tessera.Kernels.Backends.IDeviceBuffer flag, ulong nanoseconds) =>
        backend.Launch(SpinSource, "spin", "tessera_spin", (1, 1, 1), (1, 1, 1), 0, [flag],
            [KernelArgument.Int64((long)nanoseconds), KernelArgument.Pointer(((CudaBuffer)flag).Address)]);
}
