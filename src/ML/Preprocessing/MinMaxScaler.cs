using System.Numerics;
using Tessera.Arrays;
using Tessera.ML.Internal;

namespace Tessera.ML.Preprocessing;

/// <summary>
/// Scales each feature to a range (default [0, 1]), as scikit-learn's <c>MinMaxScaler</c>:
/// X · scale + min with scale = (high − low) / (max − min) (1 for constant columns) and
/// min = low − data_min · scale. Fit is two blocked reductions; Transform is lazy.
/// </summary>
public sealed class MinMaxScaler
{
    /// <summary>The target range (low, high); low must be below high.</summary>
    public (double Low, double High) FeatureRange { get; init; } = (0, 1);

    /// <summary>Column minima seen in Fit.</summary>
    public double[]? DataMin { get; private set; }

    /// <summary>Column maxima seen in Fit.</summary>
    public double[]? DataMax { get; private set; }

    /// <summary>Per-column factor Transform multiplies by.</summary>
    public double[]? Scale { get; private set; }

    /// <summary>Per-column offset Transform adds after scaling.</summary>
    public double[]? Min { get; private set; }

    /// <summary>Computes the column minima and maxima of <paramref name="x"/>.</summary>
    public MinMaxScaler Fit<T>(BlockedArray<T> x, ComputeOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (low, high) = FeatureRange;
        if (!(low < high))
        {
            throw new ArgumentException(
                $"FeatureRange must have Low < High; got ({low}, {high}). Use e.g. FeatureRange = (0, 1).");
        }
        x = Design.Matrix(x, nameof(MinMaxScaler));
        DataMin = Dense.ToDouble<T>(Dense.Values(x.Min(0).Compute(options)));
        DataMax = Dense.ToDouble<T>(Dense.Values(x.Max(0).Compute(options)));
        Scale = new double[DataMin.Length];
        Min = new double[DataMin.Length];
        for (var j = 0; j < Scale.Length; j++)
        {
            var range = DataMax[j] - DataMin[j];
            // As scikit-learn's _handle_zeros_in_scale: a constant column is shifted, not divided by zero.
            Scale[j] = (high - low) / (range < StandardScaler.ConstantBelow ? 1.0 : range);
            Min[j] = low - DataMin[j] * Scale[j];
        }
        return this;
    }

    /// <summary>X · scale + min, lazily.</summary>
    public BlockedArray<T> Transform<T>(BlockedArray<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var scale = Design.Fitted(Scale, nameof(MinMaxScaler));
        x = Design.Matrix(x, nameof(MinMaxScaler));
        Design.SameFeatures(x.Shape[1], scale.Length, nameof(MinMaxScaler));
        return x * StandardScaler.Row<T>(scale) + StandardScaler.Row<T>(Min!);
    }

    /// <summary>(X − min) / scale, lazily: the inverse of Transform.</summary>
    public BlockedArray<T> InverseTransform<T>(BlockedArray<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var scale = Design.Fitted(Scale, nameof(MinMaxScaler));
        x = Design.Matrix(x, nameof(MinMaxScaler));
        Design.SameFeatures(x.Shape[1], scale.Length, nameof(MinMaxScaler));
        return (x - StandardScaler.Row<T>(Min!)) / StandardScaler.Row<T>(scale);
    }

    /// <summary>Fit, then Transform.</summary>
    public BlockedArray<T> FitTransform<T>(BlockedArray<T> x, ComputeOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T> => Fit(x, options).Transform(x);
}
