namespace Tessera.Kernels.Backends;

/// <summary>Result types of reductions (NumPy's, for our element types) and axis handling.</summary>
internal static class ReductionTypes
{
    public static DType ResultType(ReductionKind kind, DType input) => kind switch
    {
        ReductionKind.Sum or ReductionKind.Prod or ReductionKind.NanSum or ReductionKind.NanProd =>
            input.IsFloatingPoint() ? input : input.IsUnsignedInteger() ? DType.UInt64 : DType.Int64,
        ReductionKind.Min or ReductionKind.Max or ReductionKind.NanMin or ReductionKind.NanMax => input,
        ReductionKind.Mean or ReductionKind.Var or ReductionKind.Std or
        ReductionKind.NanMean or ReductionKind.NanVar or ReductionKind.NanStd =>
            input.IsFloatingPoint() ? input : DType.Float64,
        ReductionKind.ArgMin or ReductionKind.ArgMax or ReductionKind.NanArgMin or ReductionKind.NanArgMax => DType.Int64,
        ReductionKind.Any or ReductionKind.All => DType.Bool,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown reduction."),
    };

    /// <summary>True for reductions without an identity: over zero elements they are an error.</summary>
    public static bool NeedsElements(ReductionKind kind) => kind is
        ReductionKind.Min or ReductionKind.Max or ReductionKind.NanMin or ReductionKind.NanMax or
        ReductionKind.ArgMin or ReductionKind.ArgMax or ReductionKind.NanArgMin or ReductionKind.NanArgMax;

    /// <summary>The axes as a set of non-negative indexes; negative ones count from the end.</summary>
    public static HashSet<int> NormalizeAxes(ReadOnlySpan<int> axes, int rank)
    {
        var set = new HashSet<int>();
        foreach (var axis in axes)
        {
            var a = axis < 0 ? axis + rank : axis;
            if (a < 0 || a >= rank)
            {
                throw new ArgumentOutOfRangeException(nameof(axes), axis,
                    $"Axis {axis} is out of range for an input of {rank} dimension(s); use 0..{rank - 1} or -{rank}..-1.");
            }
            if (!set.Add(a))
            {
                throw new ArgumentException($"Axis {axis} is given twice; list each axis to reduce once.", nameof(axes));
            }
        }
        return set;
    }
}
