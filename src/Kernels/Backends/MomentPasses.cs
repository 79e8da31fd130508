using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Backends;

/// <summary>
/// <see cref="IComputeBackend.ReduceMoments"/> as two reductions: every backend's default, and
/// the CPU's form for the types its one-pass kernel does not take.
/// </summary>
internal static class MomentPasses
{
    /// <summary>Mean, then variance (ddof 0), of <paramref name="prologue"/> cast to the outputs' type when it differs.</summary>
    public static void MeanThenVariance(IComputeBackend backend, Expr prologue, IReadOnlyList<IDeviceBuffer> inputs,
        ReadOnlySpan<int> axes, IDeviceBuffer mean, IDeviceBuffer variance)
    {
        ArgumentNullException.ThrowIfNull(prologue);
        ArgumentNullException.ThrowIfNull(mean);
        var values = prologue.DType == mean.DType ? prologue : Ex.Cast(prologue, mean.DType);
        backend.Reduce(ReductionKind.Mean, values, inputs, axes, mean);
        backend.Reduce(ReductionKind.Var, values, inputs, axes, variance);
    }
}
