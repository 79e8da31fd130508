using System.Text;
using Tessera.Kernels.Cuda.Compiler;
using Tessera.Kernels.Cuda.Native;

namespace Tessera.Kernels.Cuda;

/// <summary>
/// Loaded kernel code (cuModuleLoadData) and launches of its functions. Create, launch and dispose
/// with the context current.
/// </summary>
internal sealed unsafe class CudaModule : IDisposable
{
    private readonly CudaDriverApi _api = CudaDriver.Api;
    private readonly Dictionary<string, nint> _functions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private nint _handle;

    public CudaModule(CompiledCuda code)
    {
        ArgumentNullException.ThrowIfNull(code);
        nint handle;
        fixed (byte* image = code.Image)
        {
            CudaException.ThrowIfFailed(_api.ModuleLoadData(&handle, image));
        }
        _handle = handle;
    }

    /// <summary>The generated program this module was built from (null for hand-written test kernels).</summary>
    public Gpu.GpuKernelSource? Source { get; init; }

    /// <summary>The handle of the <c>extern "C" __global__</c> function <paramref name="name"/>.</summary>
    public nint Function(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_handle == 0, this);
            if (!_functions.TryGetValue(name, out var function))
            {
                var bytes = Encoding.UTF8.GetBytes(name + "\0");
                fixed (byte* n = bytes)
                {
                    CudaException.ThrowIfFailed(_api.ModuleGetFunction(&function, _handle, n));
                }
                _functions[name] = function;
            }
            return function;
        }
    }

    /// <summary>
    /// Launches <paramref name="function"/> on <paramref name="stream"/>. Each argument is passed in
    /// an 8-byte slot (see <see cref="KernelArgument"/>): the driver reads as many bytes as the
    /// parameter's type has, and on little-endian hardware the low bytes come first.
    /// </summary>
    public void Launch(nint function, CudaStream stream, (uint X, uint Y, uint Z) grid, (uint X, uint Y, uint Z) block,
        uint sharedBytes, ReadOnlySpan<ulong> arguments)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var slots = stackalloc ulong[Math.Max(arguments.Length, 1)];
        var pointers = stackalloc void*[Math.Max(arguments.Length, 1)];
        for (var i = 0; i < arguments.Length; i++)
        {
            slots[i] = arguments[i];
            pointers[i] = &slots[i];
        }
        CudaException.ThrowIfFailed(_api.LaunchKernel(function, grid.X, grid.Y, grid.Z, block.X, block.Y, block.Z,
            sharedBytes, stream.Handle, pointers, null));
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_handle != 0)
            {
                _api.ModuleUnload(_handle);
                _handle = 0;
            }
        }
    }
}

/// <summary>Packs kernel arguments into the 8-byte slots <see cref="CudaModule.Launch"/> takes.</summary>
internal static class KernelArgument
{
    public static ulong Pointer(ulong address) => address;

    public static ulong Int32(int value) => (uint)value;

    public static ulong Int64(long value) => (ulong)value;

    public static ulong Float32(float value) => BitConverter.SingleToUInt32Bits(value);

    public static ulong Float64(double value) => BitConverter.DoubleToUInt64Bits(value);
}
