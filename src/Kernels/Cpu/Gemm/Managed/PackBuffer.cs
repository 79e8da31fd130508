namespace Tessera.Kernels.Cpu;

/// <summary>
/// A per-thread, 64-byte-aligned scratch area for packed panels, reused across calls.
/// </summary>
/// <remarks>
/// GEMM runs once per chunk, many times per compute, so allocating megabytes per call would
/// churn the GC. The array is pinned (pinned object heap) so raw pointers into it stay valid,
/// and thread-static so concurrent callers never share one; it is collected with its thread.
/// </remarks>
internal static unsafe class PackBuffer
{
    private const int Alignment = 64;

    [ThreadStatic]
    private static byte[]? t_buffer;

    /// <summary>An aligned pointer to at least <paramref name="bytes"/> bytes owned by this thread.</summary>
    public static byte* Rent(long bytes)
    {
        var buffer = t_buffer;
        if (buffer is null || buffer.LongLength < bytes + Alignment)
        {
            buffer = GC.AllocateUninitializedArray<byte>(checked((int)(bytes + Alignment)), pinned: true);
            t_buffer = buffer;
        }
        fixed (byte* p = buffer)
        {
            // The array is pinned for its lifetime, so the address outlives this fixed block.
            return (byte*)(((nint)p + Alignment - 1) & ~(nint)(Alignment - 1));
        }
    }
}
