using Tessera.Kernels.Cpu;

namespace Tessera.ML.Cluster;

/// <summary>
/// A few centers laid out for <see cref="Distances"/>' kernel, built once per pass and shared by
/// every block: −2·Cᵀ as features × <see cref="Padded"/> (center c of feature j at j·Padded + c),
/// so one vector load holds feature j of several centers and a row's scores against all of
/// them are d multiply-adds of a broadcast x[j] with those vectors; and ‖c‖², the score's constant.
/// Padding lanes are zero and never read as results.
/// </summary>
internal sealed class CenterPanel
{
    public CenterPanel(double[] centers, int count, int features)
    {
        if (centers.Length < count * features)
        {
            throw new ArgumentException($"{count} centers of {features} features need {count * features} values; got {centers.Length}.",
                nameof(centers));
        }
        Count = count;
        Features = features;
        Lanes = SimdWidth.Bits / 64;
        Padded = (count + Lanes - 1) / Lanes * Lanes;
        Scaled = new double[features * Padded];
        Norms = new double[Padded];
        for (var c = 0; c < count; c++)
        {
            var norm = 0.0;
            for (var j = 0; j < features; j++)
            {
                var value = centers[c * features + j];
                Scaled[j * Padded + c] = -2 * value;
                norm += value * value;
            }
            Norms[c] = norm;
        }
    }

    /// <summary>The number of centers.</summary>
    public int Count { get; }

    public int Features { get; }

    /// <summary>Doubles per vector of the kernel that reads this panel (the process's SIMD width).</summary>
    public int Lanes { get; }

    /// <summary><see cref="Count"/> rounded up to whole vectors.</summary>
    public int Padded { get; }

    /// <summary>−2·Cᵀ, features × <see cref="Padded"/>.</summary>
    public double[] Scaled { get; }

    /// <summary>‖c‖² per center (zero in the padding).</summary>
    public double[] Norms { get; }
}
