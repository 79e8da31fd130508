using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Tests.Support;

/// <summary>
/// Naive reductions: group every element by its output position (row-major over kept axes) and
/// fold each group in index order, in double (floats) or wrapping int64 (integers), with the
/// two-pass variance. Returns null for a group NumPy would reject (all-NaN nanargmin).
/// </summary>
internal static class ReductionReference
{
    public static Scalar?[] Reduce(ReductionKind kind, Scalar[] values, int[] shape, HashSet<int> axes, int ddof)
    {
        var outputLength = 1L;
        for (var k = 0; k < shape.Length; k++)
        {
            if (!axes.Contains(k))
            {
                outputLength *= shape[k];
            }
        }
        var groups = new List<Scalar>[outputLength];
        for (var i = 0; i < groups.Length; i++)
        {
            groups[i] = [];
        }
        for (long flat = 0; flat < values.Length; flat++)
        {
            long rest = flat, output = 0, stride = 1;
            for (var k = shape.Length - 1; k >= 0; k--)
            {
                var coordinate = rest % shape[k];
                rest /= shape[k];
                if (!axes.Contains(k))
                {
                    output += coordinate * stride;
                    stride *= shape[k];
                }
            }
            // Row-major order of the input visits each group's members in reduced-index order.
            groups[output].Add(values[flat]);
        }
        var dtype = values.Length > 0 ? values[0].DType : DType.Float64;
        return groups.Select(g => Fold(kind, g, dtype, ddof)).ToArray();
    }

    private static Scalar? Fold(ReductionKind kind, List<Scalar> g, DType dtype, int ddof)
    {
        var result = ReductionTypes.ResultType(kind, dtype);
        bool IsNaN(Scalar s) => s.DType.IsFloatingPoint() && double.IsNaN(s.ToDouble());
        var skip = kind.ToString().StartsWith("Nan", StringComparison.Ordinal);
        var kept = skip ? g.Where(s => !IsNaN(s)).ToList() : g;
        var x = kept.Select(s => s.ToDouble()).ToList();
        Scalar Real(double v) => Scalar.Float64(v).CastTo(result);
        switch (kind)
        {
            // Integers add and multiply in wrapping int64 on their exact bits (uint64 too: two's
            // complement gives the same bits), then take the result type (uint64 for unsigned inputs).
            case ReductionKind.Sum or ReductionKind.NanSum:
                return dtype.IsFloatingPoint() ? Real(x.Sum()) : Scalar.Int64(kept.Aggregate(0L, (a, s) => unchecked(a + Bits(s)))).CastTo(result);
            case ReductionKind.Prod or ReductionKind.NanProd:
                return dtype.IsFloatingPoint() ? Real(x.Aggregate(1.0, (a, v) => a * v)) : Scalar.Int64(kept.Aggregate(1L, (a, s) => unchecked(a * Bits(s)))).CastTo(result);
            case ReductionKind.Min or ReductionKind.Max or ReductionKind.NanMin or ReductionKind.NanMax:
                {
                    if (kept.Count == 0) return Scalar.Float64(double.NaN).CastTo(result);
                    if (kept.Any(IsNaN)) return kept.First(IsNaN);
                    var max = kind is ReductionKind.Max or ReductionKind.NanMax;
                    var best = kept[0];
                    foreach (var s in kept)
                    {
                        if (max ? Less(best, s) : Less(s, best)) best = s;
                    }
                    return best;
                }
            case ReductionKind.Mean or ReductionKind.NanMean:
                return Real(x.Count == 0 ? double.NaN : x.Sum() / x.Count);
            case ReductionKind.Var or ReductionKind.Std or ReductionKind.NanVar or ReductionKind.NanStd:
                {
                    if (x.Count == 0) return Real(double.NaN);
                    var mean = x.Sum() / x.Count;
                    var variance = x.Sum(v => (v - mean) * (v - mean)) / Math.Max(x.Count - ddof, 0);
                    return Real(kind is ReductionKind.Std or ReductionKind.NanStd ? Math.Sqrt(variance) : variance);
                }
            case ReductionKind.ArgMin or ReductionKind.ArgMax or ReductionKind.NanArgMin or ReductionKind.NanArgMax:
                {
                    var max = kind is ReductionKind.ArgMax or ReductionKind.NanArgMax;
                    var best = -1;
                    for (var i = 0; i < g.Count; i++)
                    {
                        if (skip && IsNaN(g[i])) continue;
                        if (best < 0) { best = i; continue; }
                        if (IsNaN(g[best])) break;
                        if (IsNaN(g[i]) || (max ? Less(g[best], g[i]) : Less(g[i], g[best]))) best = i;
                    }
                    return best < 0 ? null : Scalar.Int64(best);
                }
            case ReductionKind.Any:
                return Scalar.Bool(g.Any(s => s.ToDouble() != 0 || IsNaN(s)));
            case ReductionKind.All:
                return Scalar.Bool(g.All(s => s.ToDouble() != 0 || IsNaN(s)));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private static long Bits(Scalar s) => s.CastTo(DType.Int64).As<long>();

    // Orders integers exactly (a double cannot tell uint64 neighbours near 2^64 apart).
    private static bool Less(Scalar a, Scalar b) => a.DType.IsFloatingPoint()
        ? a.ToDouble() < b.ToDouble()
        : Exact(a) < Exact(b);

    private static decimal Exact(Scalar s) => s.DType == DType.UInt64 ? s.As<ulong>() : Bits(s);
}
