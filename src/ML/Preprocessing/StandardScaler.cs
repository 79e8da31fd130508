using System.Numerics;
using Tessera.Arrays;
using Tessera.ML.Internal;

namespace Tessera.ML.Preprocessing;

/// <summary>
/// Standardises features to zero mean and unit variance, as scikit-learn's and dask-ml's
/// <c>StandardScaler</c>: Fit computes the column means and (population) variances with the
/// array's blocked reductions; Transform is lazy, one fused elementwise expression per block.
/// </summary>
public sealed class StandardScaler
{
    /// <summary>Subtract the mean (default true).</summary>
    public bool WithMean { get; init; } = true;

    /// <summary>Divide by the standard deviation (default true).</summary>
    public bool WithStd { get; init; } = true;

    /// <summary>The column means seen in Fit.</summary>
    public double[]? Mean { get; private set; }

    /// <summary>The column variances seen in Fit (ddof = 0).</summary>
    public double[]? Var { get; private set; }

    /// <summary>What Transform divides by: the standard deviations, with 1 for constant columns (as scikit-learn).</summary>
    public double[]? Scale { get; private set; }

    /// <summary>Computes the means and variances of <paramref name="x"/>'s columns.</summary>
    public StandardScaler Fit<T>(BlockedArray<T> x, ComputeOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        x = Design.Matrix(x, nameof(StandardScaler));
        Mean = Dense.ToDouble<T>(Dense.Values(x.Mean(0).Compute(options)));
        Var = Dense.ToDouble<T>(Dense.Values(x.Var(0).Compute(options)));
        Scale = [.. Var.Select(v => Math.Sqrt(v) is var s && s < ConstantBelow ? 1.0 : s)];
        return this;
    }

    /// <summary>(X − mean) / scale, lazily.</summary>
    public BlockedArray<T> Transform<T>(BlockedArray<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var mean = Design.Fitted(Mean, nameof(StandardScaler));
        x = Design.Matrix(x, nameof(StandardScaler));
        Design.SameFeatures(x.Shape[1], mean.Length, nameof(StandardScaler));
        if (WithMean)
        {
            x -= Row<T>(mean);
        }
        return WithStd ? x / Row<T>(Scale!) : x;
    }

    /// <summary>X · scale + mean, lazily: the inverse of Transform.</summary>
    public BlockedArray<T> InverseTransform<T>(BlockedArray<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var mean = Design.Fitted(Mean, nameof(StandardScaler));
        x = Design.Matrix(x, nameof(StandardScaler));
        Design.SameFeatures(x.Shape[1], mean.Length, nameof(StandardScaler));
        if (WithStd)
        {
            x *= Row<T>(Scale!);
        }
        return WithMean ? x + Row<T>(mean) : x;
    }

    /// <summary>Fit, then Transform.</summary>
    public BlockedArray<T> FitTransform<T>(BlockedArray<T> x, ComputeOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T> => Fit(x, options).Transform(x);

    /// <summary>
    /// A scale under 10 machine epsilons marks a constant column, left unscaled (scikit-learn's
    /// <c>_handle_zeros_in_scale</c>): dividing by it would blow rounding noise up to order one.
    /// </summary>
    internal const double ConstantBelow = 10 * 2.220446049250313e-16;

    /// <summary>A 1-D array of the parameters, broadcast along the rows.</summary>
    internal static BlockedArray<T> Row<T>(double[] values) where T : unmanaged, INumberBase<T> =>
        BlockedArray.FromArray(Dense.FromDouble<T>(values), [values.Length]);
}
