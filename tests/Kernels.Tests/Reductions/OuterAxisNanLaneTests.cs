using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Tests.Reductions;

/// <summary>
/// The kept-axis lanes of the nan* reductions over an outer axis (nanmax(axis=0)) at each vector
/// width, with NaN where the lanes are most likely to slip: whole columns of NaN (which must give
/// NaN, or 0 for nansum), NaN in the first row (which seeds the lanes), and NaN only in the columns
/// past the last whole vector (the scalar tails). Row lengths leave every tail at every width;
/// row counts cover the eight-row strips, the single rows after them, and more than one fold.
/// min, max, prod and argmin/argmax (NaN propagating) go through the same lanes and are checked
/// alongside; nanargmin/nanargmax of an all-NaN column must throw, as the reference does.
/// </summary>
public class OuterAxisNanLaneTests
{
    private static readonly int[] RowLengths = [1, 3, 7, 17, 33, 1031];

    private static readonly int[] RowCounts = [1, 3, 7, 8, 9, 17, 260];

    private static readonly string[] Patterns = ["sprinkled", "allNaNColumns", "firstRow", "tailsOnly", "none"];

    public static TheoryData<string, string, DType> Cases()
    {
        var data = new TheoryData<string, string, DType>();
        foreach (var width in new[] { "512", "256", "128" })
        {
            foreach (var kind in new[] { ReductionKind.NanMin, ReductionKind.NanMax, ReductionKind.Min, ReductionKind.Max, ReductionKind.NanSum, ReductionKind.NanMean, ReductionKind.Prod, ReductionKind.NanProd, ReductionKind.ArgMin, ReductionKind.ArgMax, ReductionKind.NanArgMin, ReductionKind.NanArgMax })
            {
                foreach (var dtype in new[] { DType.Float64, DType.Float32 })
                {
                    data.Add(width, kind.ToString(), dtype);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reduce_OverTheOuterAxis_WithNaNPatterns_MatchesReference(string width, string kindName, DType dtype)
    {
        var kind = Enum.Parse<ReductionKind>(kindName);
        ReductionTests tests = width switch
        {
            "512" => new Width512ReductionTests(),
            "256" => new Width256ReductionTests(),
            _ => new Width128ReductionTests(),
        };
        foreach (var rows in RowCounts)
        {
            foreach (var cols in RowLengths)
            {
                if (rows * cols > 20_000)
                {
                    continue; // the naive reference is slow; 260 rows by 33 columns already folds.
                }
                foreach (var pattern in Patterns)
                {
                    var data = Make(dtype, rows, cols, pattern, seed: (rows * 31) + cols, nearOne: kindName.Contains("Prod"));
                    tests.AssertReduction(kind, Ex.Input(0, dtype), [data], [[rows, cols]], [rows, cols], [0], 0);
                }
            }
        }
    }

    /// <summary>Values with ties (or near 1, for products), NaN placed as <paramref name="pattern"/> says.</summary>
    private static Array Make(DType dtype, int rows, int cols, string pattern, int seed, bool nearOne)
    {
        var random = new Random(seed);
        double Next(int i)
        {
            var (r, c) = (i / cols, i % cols);
            var nan = pattern switch
            {
                "sprinkled" => random.Next(10) == 0,
                "allNaNColumns" => c % 5 == 2 || (c % 5 == 4 && random.Next(2) == 0),
                "firstRow" => r == 0 && c % 2 == 0,
                // Past the last whole 128-bit vector of floats (four lanes) and of 512-bit doubles (eight).
                "tailsOnly" => c >= cols - (cols % 4) && random.Next(3) == 0,
                _ => false,
            };
            return nan ? double.NaN
                : nearOne ? 1 + ((random.NextDouble() - 0.5) / 100)
                : Math.Round(((random.NextDouble() * 2) - 1) * 10, random.Next(2) == 0 ? 1 : 6);
        }
        var n = rows * cols;
        return dtype == DType.Float64
            ? Enumerable.Range(0, n).Select(Next).ToArray()
            : Enumerable.Range(0, n).Select(i => (float)Next(i)).ToArray();
    }
}
