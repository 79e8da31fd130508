using System.Numerics;
using System.Numerics.Tensors;
using Tessera.Arrays;
using Tessera.ML.Internal;

namespace Tessera.ML.Preprocessing;

/// <summary>
/// Polynomial and interaction features, as scikit-learn's <c>PolynomialFeatures</c> (same
/// column order: the bias, then degree 1, 2, … with the feature indices of each term in
/// non-decreasing order). Transform is lazy, one MapBlocks task per row block.
/// </summary>
public sealed class PolynomialFeatures
{
    /// <summary>The highest total degree (≥ 1; default 2).</summary>
    public int Degree { get; init; } = 2;

    /// <summary>Only products of distinct features (no x², default false).</summary>
    public bool InteractionOnly { get; init; }

    /// <summary>Start with a column of ones (default true).</summary>
    public bool IncludeBias { get; init; } = true;

    /// <summary>The feature indices each output column multiplies (empty for the bias), set by Fit.</summary>
    public IReadOnlyList<int[]>? Powers { get; private set; }

    /// <summary>The number of input features seen in Fit.</summary>
    public int InputFeatures { get; private set; }

    /// <summary>Records the number of features and lists the output terms.</summary>
    public PolynomialFeatures Fit<T>(BlockedArray<T> x) where T : unmanaged, INumber<T>
    {
        if (Degree < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Degree), Degree, "Degree must be at least 1, e.g. Degree = 2.");
        }
        x = Design.Matrix(x, nameof(PolynomialFeatures));
        InputFeatures = (int)x.Shape[1];
        var terms = new List<int[]>();
        if (IncludeBias)
        {
            terms.Add([]);
        }
        for (var degree = 1; degree <= Degree; degree++)
        {
            AddTerms(terms, [], 0, degree);
        }
        Powers = terms;
        return this;
    }

    /// <summary>The product columns, lazily.</summary>
    public BlockedArray<T> Transform<T>(BlockedArray<T> x) where T : unmanaged, INumber<T>
    {
        var terms = Design.Fitted(Powers, nameof(PolynomialFeatures));
        x = Design.Matrix(x, nameof(PolynomialFeatures));
        Design.SameFeatures(x.Shape[1], InputFeatures, nameof(PolynomialFeatures));
        var outputs = terms.Count;
        var grid = new ChunkGrid([x.Chunks.Chunks[0], [outputs]]);
        return x.MapBlocks(block =>
        {
            var (rows, cols) = Dense.Shape(block);
            var values = Dense.Values(block);
            var result = new T[rows * outputs];
            for (var r = 0; r < rows; r++)
            {
                var row = values.Slice(r * cols, cols);
                for (var t = 0; t < outputs; t++)
                {
                    var product = T.One;
                    foreach (var feature in terms[t])
                    {
                        product *= row[feature];
                    }
                    result[r * outputs + t] = product;
                }
            }
            return Tensor.Create(result, [rows, outputs]);
        }, grid, name: $"polynomial-{Degree}-{InteractionOnly}-{IncludeBias}");
    }

    /// <summary>Fit, then Transform.</summary>
    public BlockedArray<T> FitTransform<T>(BlockedArray<T> x) where T : unmanaged, INumber<T> => Fit(x).Transform(x);

    private void AddTerms(List<int[]> terms, int[] prefix, int first, int remaining)
    {
        if (remaining == 0)
        {
            terms.Add(prefix);
            return;
        }
        for (var feature = first; feature < InputFeatures; feature++)
        {
            AddTerms(terms, [.. prefix, feature], InteractionOnly ? feature + 1 : feature, remaining - 1);
        }
    }
}
