using System.Runtime.CompilerServices;

namespace Tessera.ML.Cluster;

/// <summary>
/// Column means and sums of squared deviations of one block, gathered tile by tile while the
/// tile is in cache, then combined over blocks (Chan, Golub and LeVeque's pairwise update).
/// Within a block the sums are taken about the block's first row, so a large common offset does
/// not cancel away the variance (Σ(x − K)² − (Σ(x − K))²/n is exact for any K and accurate when
/// K is near the mean; any row is near it at the scale of the spread).
/// </summary>
internal sealed class BlockMoments
{
    private readonly double[] _shift;
    private readonly double[] _sum;
    private readonly double[] _squares;

    public BlockMoments(ReadOnlySpan<double> x, int d)
    {
        _shift = x.Length >= d ? x[..d].ToArray() : new double[d];
        _sum = new double[d];
        _squares = new double[d];
    }

    // Hot loops run once per block per pass: compiled optimised at once, not first as tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<double> tile, int rows)
    {
        var d = _shift.Length;
        for (var i = 0; i < rows; i++)
        {
            var row = tile.Slice(i * d, d);
            for (var j = 0; j < d; j++)
            {
                var v = row[j] - _shift[j];
                _sum[j] += v;
                _squares[j] += v * v;
            }
        }
    }

    /// <summary>Writes [rows, means (d), squared deviations (d)].</summary>
    public void WriteTo(Span<double> destination, int rows)
    {
        var d = _shift.Length;
        destination[0] = rows;
        for (var j = 0; j < d; j++)
        {
            destination[1 + j] = rows == 0 ? 0 : _shift[j] + _sum[j] / rows;
            destination[1 + d + j] = rows == 0 ? 0 : Math.Max(_squares[j] - _sum[j] * _sum[j] / rows, 0);
        }
    }

    /// <summary>The mean over features of the population variance, from the blocks' entries at <paramref name="at"/>.</summary>
    public static double MeanVariance(double[][] parts, int at, int d)
    {
        var n = 0.0;
        var mean = new double[d];
        var m2 = new double[d];
        foreach (var part in parts)
        {
            var nb = part[at];
            if (nb == 0)
            {
                continue;
            }
            var total = n + nb;
            for (var j = 0; j < d; j++)
            {
                var delta = part[at + 1 + j] - mean[j];
                mean[j] += delta * nb / total;
                m2[j] += part[at + 1 + d + j] + delta * delta * n * nb / total;
            }
            n = total;
        }
        return n == 0 ? 0 : m2.Average() / n;
    }
}
