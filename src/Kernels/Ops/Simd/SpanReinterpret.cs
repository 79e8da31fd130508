using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tessera.Kernels.Ops.Simd;

internal static class SpanReinterpret
{
    // Generic math ops see T; the float64 fast paths need the doubles behind it (T is double there).
    public static ReadOnlySpan<double> AsDoubles<T>(ReadOnlySpan<T> x) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(x)), x.Length);

    public static Span<double> AsDoubles<T>(Span<T> x) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(x)), x.Length);
}
