using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.IlGpu.Reductions;

/// <summary>
/// The rewrites before a reduction compiles (the CPU backend's rules): any/all read the prologue as
/// bool; on a bool prologue min/max are all/any and the arithmetic reductions count in int32.
/// </summary>
internal static class ReductionRewrites
{
    /// <summary>The kind and prologue the kernels run.</summary>
    public static (ReductionKind Kind, Expr Prologue) Normalize(ReductionKind kind, Expr prologue)
    {
        if (kind is ReductionKind.Any or ReductionKind.All)
        {
            return (kind, prologue.DType == DType.Bool ? prologue : Ex.Cast(prologue, DType.Bool));
        }
        if (prologue.DType == DType.Bool)
        {
            return kind switch
            {
                ReductionKind.Min or ReductionKind.NanMin => (ReductionKind.All, prologue),
                ReductionKind.Max or ReductionKind.NanMax => (ReductionKind.Any, prologue),
                _ => (kind, Ex.Cast(prologue, DType.Int32)),
            };
        }
        return (kind, prologue);
    }
}
