using Tessera.Kernels.Backends;

namespace Tessera.Kernels.Cpu;

/// <summary>
/// The CPU backend: managed arrays as buffers, fused tile-by-tile elementwise kernels and
/// reductions (System.Numerics.Tensors / Vector&lt;T&gt; inside), and the CPU GEMM. Every call
/// is synchronous and single-threaded; the scheduler runs chunks in parallel. Stateless, so one
/// instance serves all threads.
/// </summary>
internal sealed partial class CpuBackend : IComputeBackend
{
    private CpuBackend()
    {
    }

    public static CpuBackend Instance { get; } = new();

    public Device Device => Device.Cpu;

    public IDeviceBuffer Allocate(DType dtype, ReadOnlySpan<int> shape) => CpuBuffer.Allocate(dtype, shape.ToArray());

    public void Free(IDeviceBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        buffer.Dispose();
    }

    public void CopyFromHost<T>(ReadOnlySpan<T> source, IDeviceBuffer destination) where T : unmanaged
    {
        var d = Typed<T>(destination, nameof(destination));
        CheckLength(source.Length, d.Length);
        source.CopyTo(d.Span);
    }

    public void CopyToHost<T>(IDeviceBuffer source, Span<T> destination) where T : unmanaged
    {
        var s = Typed<T>(source, nameof(source));
        CheckLength(destination.Length, s.Length);
        s.Span.CopyTo(destination);
    }

    // CPU calls complete before they return.
    public void Synchronize()
    {
    }

    internal static CpuBuffer<T> Typed<T>(IDeviceBuffer buffer, string name)
    {
        ArgumentNullException.ThrowIfNull(buffer, name);
        return buffer as CpuBuffer<T> ?? throw new ArgumentException(
            $"{name} is {buffer} but a CPU buffer of {DTypes.Of<T>()} was expected. " +
            "Allocate it with the CPU backend and the matching element type.", name);
    }

    internal static IReadOnlyList<CpuBuffer> OnCpu(IReadOnlyList<IDeviceBuffer> buffers)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        var result = new CpuBuffer[buffers.Count];
        for (var i = 0; i < buffers.Count; i++)
        {
            result[i] = buffers[i] as CpuBuffer ?? throw new ArgumentException(
                $"Input {i} lives on {buffers[i].Device}, not the CPU. Copy it to the host first.", nameof(buffers));
        }
        return result;
    }

    private static void CheckLength(long given, long expected)
    {
        if (given != expected)
        {
            throw new ArgumentException(
                $"The host span has {given} elements but the buffer has {expected}. Pass a span of exactly the buffer's length.");
        }
    }
}
