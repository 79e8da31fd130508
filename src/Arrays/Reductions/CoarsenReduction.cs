namespace Tessera.Arrays;

/// <summary>How <see cref="BlockedArray.Coarsen{T}(BlockedArray{T}, CoarsenReduction, IReadOnlyDictionary{int, int}, bool)"/> reduces each window.</summary>
public enum CoarsenReduction
{
    /// <summary>The window's sum (NumPy's <c>np.sum</c>).</summary>
    Sum,

    /// <summary>The window's mean (<c>np.mean</c>); floating-point arrays only.</summary>
    Mean,

    /// <summary>The window's smallest element (<c>np.min</c>; NaN when the window holds NaN).</summary>
    Min,

    /// <summary>The window's largest element (<c>np.max</c>; NaN when the window holds NaN).</summary>
    Max,

    /// <summary>The window's product (<c>np.prod</c>).</summary>
    Prod,
}
