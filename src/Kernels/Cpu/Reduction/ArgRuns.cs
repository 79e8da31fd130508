using System.Numerics;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// The extreme value of a run and its first index, at this process's vector width: for callers
/// outside the reduction engine that keep the winning value beside its index (the blocked
/// argmin/argmax's chunk step), so their scan runs at full width instead of element by element.
/// </summary>
internal static class ArgRuns
{
    /// <summary>
    /// The smallest (or, with <paramref name="largest"/>, largest) value of <paramref name="values"/>
    /// and the first index holding it; NaN wins unless <paramref name="skipNaN"/>, as NumPy's
    /// argmin/argmax. False when there is nothing to choose (empty, or only NaN and skipped).
    /// </summary>
    public static bool TryFind<T>(ReadOnlySpan<T> values, bool largest, bool skipNaN, out T best, out int index)
        where T : INumber<T> => SimdWidth.Bits switch
        {
            512 => TryFind<T, Width512>(values, largest, skipNaN, out best, out index),
            256 => TryFind<T, Width256>(values, largest, skipNaN, out best, out index),
            _ => TryFind<T, Width128>(values, largest, skipNaN, out best, out index),
        };

    /// <summary><see cref="TryFind{T}(ReadOnlySpan{T}, bool, bool, out T, out int)"/> at the width <typeparamref name="TW"/>.</summary>
    internal static bool TryFind<T, TW>(ReadOnlySpan<T> values, bool largest, bool skipNaN, out T best, out int index)
        where T : INumber<T>
        where TW : IVectorWidth
    {
        index = -1;
        if (values.IsEmpty)
        {
            best = T.Zero;
            return false;
        }
        bool seen;
        best = (largest, skipNaN) switch
        {
            (true, true) => OrderKernels.Extreme<T, Largest, SkipNaN, TW>(values, out seen),
            (true, false) => OrderKernels.Extreme<T, Largest, PropagateNaN, TW>(values, out seen),
            (false, true) => OrderKernels.Extreme<T, Smallest, SkipNaN, TW>(values, out seen),
            _ => OrderKernels.Extreme<T, Smallest, PropagateNaN, TW>(values, out seen),
        };
        if (!seen)
        {
            return false;
        }
        index = OrderKernels.FirstIndexOf<T, TW>(values, best);
        return true;
    }
}
