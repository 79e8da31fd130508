using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Tessera.Kernels.Cpu;

/// <summary>
/// Prefetches the C tile a micro-kernel call will update, so that its cache misses overlap the
/// k loop instead of stalling the stores (and, for every k block after the first, the beta·C
/// loads) at the end of the call.
/// </summary>
/// <remarks>
/// Rows of C are ldc elements apart, so each row of the tile is its own cache line or two, far
/// from the last tile's; the hardware prefetchers do not guess them. x86 only: .NET has no
/// prefetch intrinsic for Arm64, where this is a no-op (<c>Sse.IsSupported</c> is a JIT-time
/// constant). A prefetch never faults, so rows past the matrix need no guard.
/// </remarks>
internal static unsafe class GemmPrefetch
{
    /// <summary>Prefetches <paramref name="rows"/> rows of <paramref name="cols"/> elements from <paramref name="c"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tile<T>(T* c, nint ldc, int rows, int cols)
        where T : unmanaged
    {
        if (!Sse.IsSupported)
        {
            return;
        }
        for (int r = 0; r < rows; r++)
        {
            T* row = c + (r * ldc);
            // First and last element: the row may straddle a line boundary.
            Sse.Prefetch0(row);
            Sse.Prefetch0(row + cols - 1);
        }
    }
}
