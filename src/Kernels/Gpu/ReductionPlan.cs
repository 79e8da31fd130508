using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Gpu;

/// <summary>
/// How a backend runs one reduction: which kernel of <see cref="ReductionKernel"/> and how many
/// work-groups share each output. The choice depends only on the shape and the device (never on
/// timing), so a given call always combines its partials in the same order.
/// </summary>
/// <param name="UseRows">Launch <c>tsr_reduce_rows</c> (one work-item per output) instead of groups.</param>
/// <param name="Splits">Work-groups per output for <c>tsr_reduce_groups</c>; above 1, <c>tsr_reduce_final</c> follows.</param>
internal readonly record struct ReductionPlan(bool UseRows, long Splits)
{
    /// <summary>Reductions this short run one per work-item: a group would idle most of its lanes.</summary>
    public const long RowsMaxReduced = 64;

    /// <summary>
    /// The GPU backends' rewrites (CUDA and OpenCL call this): any/all read the prologue as bool; on
    /// a bool prologue min/max are all/any and the arithmetic reductions count in int32; on integers
    /// each nan* reduction is its plain form. The CPU backend keeps its own copy of the first two
    /// rules (CpuBackend.Reduction.cs); its kernels take integer nan* reductions as they come.
    /// </summary>
    public static (ReductionKind Kind, Expr Prologue) Normalize(ReductionKind kind, Expr prologue)
    {
        ArgumentNullException.ThrowIfNull(prologue);
        if (kind is ReductionKind.Any or ReductionKind.All)
        {
            return (kind, Ex.Cast(prologue, DType.Bool));
        }
        if (prologue.DType == DType.Bool)
        {
            return kind switch
            {
                ReductionKind.Min or ReductionKind.NanMin => (ReductionKind.All, prologue),
                ReductionKind.Max or ReductionKind.NanMax => (ReductionKind.Any, prologue),
                _ => Normalize(kind, Ex.Cast(prologue, DType.Int32)),
            };
        }
        if (!prologue.DType.IsFloatingPoint())
        {
            kind = kind switch
            {
                ReductionKind.NanSum => ReductionKind.Sum,
                ReductionKind.NanProd => ReductionKind.Prod,
                ReductionKind.NanMin => ReductionKind.Min,
                ReductionKind.NanMax => ReductionKind.Max,
                ReductionKind.NanMean => ReductionKind.Mean,
                ReductionKind.NanVar => ReductionKind.Var,
                ReductionKind.NanStd => ReductionKind.Std,
                ReductionKind.NanArgMin => ReductionKind.ArgMin,
                ReductionKind.NanArgMax => ReductionKind.ArgMax,
                _ => kind,
            };
        }
        return (kind, prologue);
    }

    /// <summary>
    /// Picks the kernel: rows when each output folds few elements or when the innermost input axis
    /// is kept (work-items then read neighbouring elements); otherwise groups, split so that about
    /// <paramref name="targetGroups"/> groups run (a few per compute unit) with at least 8
    /// elements per work-item in each.
    /// </summary>
    public static ReductionPlan Choose(long outputs, long reduced, bool innermostKept, int groupSize, int targetGroups)
    {
        if (reduced <= RowsMaxReduced || (innermostKept && outputs >= groupSize))
        {
            return new ReductionPlan(true, 1);
        }
        var byWork = Math.Max(1, reduced / (groupSize * 8L));
        var byDevice = Math.Max(1, targetGroups / Math.Max(outputs, 1));
        return new ReductionPlan(false, Math.Min(Math.Min(byWork, byDevice), 4096));
    }
}
