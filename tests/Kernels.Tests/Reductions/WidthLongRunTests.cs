using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu.Reduction;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.Reductions;

/// <summary>
/// Every reduction at each vector width over runs long enough for the vector loops, with every
/// remainder a width leaves (lengths around multiples of 2, 4, 8 and 16 lanes and of a tile),
/// NaN sprinkled in for the nan* forms, and ties for arg*: the widths may reassociate float sums
/// only within the reference tolerances, and must agree exactly on min, max and their indexes.
/// </summary>
public class WidthLongRunTests
{
    private static readonly int[] Lengths = [1, 5, 16, 17, 33, 65, 130, 1029, 16_421, 33_000];

    public static TheoryData<string, string, DType> Cases()
    {
        var data = new TheoryData<string, string, DType>();
        foreach (var width in new[] { "512", "256", "128" })
        {
            foreach (var kind in Enum.GetValues<ReductionKind>())
            {
                foreach (var dtype in new[] { DType.Float64, DType.Float32, DType.Int32, DType.Int64 })
                {
                    data.Add(width, kind.ToString(), dtype);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reduce_AtEachWidth_OverLongRunsWithTails_MatchesReference(string width, string kindName, DType dtype)
    {
        var kind = Enum.Parse<ReductionKind>(kindName);
        ReductionTests tests = width switch
        {
            "512" => new Width512ReductionTests(),
            "256" => new Width256ReductionTests(),
            _ => new Width128ReductionTests(),
        };
        var ddof = kindName.Contains("Var") || kindName.Contains("Std") ? 1 : 0;
        foreach (var n in Lengths)
        {
            var data = Make(dtype, n, seed: n, nan: kindName.StartsWith("Nan", StringComparison.Ordinal), nearOne: kindName.Contains("Prod"));
            tests.AssertReduction(kind, Ex.Input(0, dtype), [data], [[n]], [n], [0], ddof);
            if (n % 5 == 0)
            {
                // Rows: runs of one row each (kept outer axis), and the outer axis reduced (lane sums).
                tests.AssertReduction(kind, Ex.Input(0, dtype), [data], [[5, n / 5]], [5, n / 5], [1], ddof);
                tests.AssertReduction(kind, Ex.Input(0, dtype), [data], [[5, n / 5]], [5, n / 5], [0], ddof);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reduce_AtEachWidth_OverManyRowsOfAnOuterAxis_MatchesReference(string width, string kindName, DType dtype)
    {
        // 37 rows: strips of eight rows held in registers, then single rows; 203 columns: every vector tail.
        var kind = Enum.Parse<ReductionKind>(kindName);
        ReductionTests tests = width switch
        {
            "512" => new Width512ReductionTests(),
            "256" => new Width256ReductionTests(),
            _ => new Width128ReductionTests(),
        };
        var ddof = kindName.Contains("Var") || kindName.Contains("Std") ? 1 : 0;
        var data = Make(dtype, 37 * 203, seed: 3, nan: true, nearOne: kindName.Contains("Prod"));
        tests.AssertReduction(kind, Ex.Input(0, dtype), [data], [[37, 203]], [37, 203], [0], ddof);
    }

    [Fact]
    public void Moments_AtEachWidth_MatchTheDefaultWidth()
    {
        var values = (double[])Make(DType.Float64, 50_003, seed: 11, nan: false, nearOne: false);
        double[] Run<TW>() where TW : IVectorWidth
        {
            var backend = WidthBackend<TW>.Instance;
            var input = Buffers.Upload(backend, values, values.Length);
            var mean = backend.Allocate(DType.Float64, []);
            var variance = backend.Allocate(DType.Float64, []);
            backend.ReduceMoments(Ex.Input(0, DType.Float64), [input], [0], mean, variance);
            return [.. Buffers.Download(backend, mean).Concat(Buffers.Download(backend, variance)).Select(s => s.ToDouble())];
        }
        var expected = Run<Width512>();
        foreach (var actual in new[] { Run<Width256>(), Run<Width128>() })
        {
            Assert.True(Close.Equal(expected[0], actual[0], 1e-14, 1e-14), $"mean {expected[0]:R} vs {actual[0]:R}");
            Assert.True(Close.Equal(expected[1], actual[1], 1e-12), $"variance {expected[1]:R} vs {actual[1]:R}");
        }
    }

    [Theory]
    [InlineData("offset")]
    [InlineData("trend")]
    [InlineData("float32")]
    public void Variance_OverOuterAxis_ManyRows_MatchesTwoPassReference_AtEachWidth(string kind)
    {
        // Enough rows for several folds of the lanes (256 rows each), far from zero or drifting.
        const int rows = 2_003, cols = 37;
        var random = new Random(9);
        var values = Enumerable.Range(0, rows * cols).Select(i => kind switch
        {
            "offset" => 1e8 + random.NextDouble(),
            "trend" => (i / cols) * 0.25 + random.NextDouble(),
            _ => (double)(float)(1e4 + (random.NextDouble() * 3)),
        }).ToArray();
        var dtype = kind == "float32" ? DType.Float32 : DType.Float64;
        Array data = kind == "float32" ? values.Select(v => (float)v).ToArray() : values;
        var expected = Enumerable.Range(0, cols).Select(c =>
        {
            var column = Enumerable.Range(0, rows).Select(r => values[(r * cols) + c]).ToArray();
            var mean = column.Average();
            return column.Sum(v => (v - mean) * (v - mean)) / rows;
        }).ToArray();
        foreach (var backend in new IComputeBackend[] { WidthBackend<Width512>.Instance, WidthBackend<Width256>.Instance, WidthBackend<Width128>.Instance })
        {
            var input = Buffers.Upload(backend, data, rows, cols);
            var output = backend.Allocate(dtype, [cols]);
            backend.Reduce(ReductionKind.Var, Ex.Input(0, dtype), [input], [0], output);
            var actual = Buffers.Download(backend, output);
            for (var c = 0; c < cols; c++)
            {
                Assert.True(Close.Equal(expected[c], actual[c].ToDouble(), dtype == DType.Float32 ? 1e-6 : 1e-9),
                    $"{kind} column {c} at {backend}: expected {expected[c]:R}, got {actual[c]}");
            }
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void ArgRuns_AtEachWidth_FindTheFirstExtreme(bool largest, bool skipNaN)
    {
        foreach (var n in Lengths)
        {
            var values = (double[])Make(DType.Float64, n, seed: n + 1, nan: n % 2 == 1, nearOne: false);
            var kept = values.Select((v, i) => (v, i)).Where(p => !double.IsNaN(p.v)).ToArray();
            var firstNaN = Array.FindIndex(values, double.IsNaN);
            // NumPy: the first NaN wins unless skipped; else the first index of the extreme value.
            var expected = !skipNaN && firstNaN >= 0 ? firstNaN
                : kept.Length == 0 ? -1
                : kept.First(p => p.v == (largest ? kept.Max(q => q.v) : kept.Min(q => q.v))).i;
            foreach (var (found, index) in new[]
            {
                (ArgRuns.TryFind<double, Width512>(values, largest, skipNaN, out _, out var i512), i512),
                (ArgRuns.TryFind<double, Width256>(values, largest, skipNaN, out _, out var i256), i256),
                (ArgRuns.TryFind<double, Width128>(values, largest, skipNaN, out _, out var i128), i128),
            })
            {
                Assert.Equal(expected >= 0, found);
                Assert.Equal(expected, found ? index : -1);
            }
        }
    }

    /// <summary>Values with one decimal (many ties) or six; every 97th value NaN when asked; near 1 for products.</summary>
    private static Array Make(DType dtype, int n, int seed, bool nan, bool nearOne)
    {
        var random = new Random(seed);
        double Next(int i) => nan && i % 97 == 13 ? double.NaN
            : nearOne ? 1 + (random.NextDouble() - 0.5) / 100
            : Math.Round(((random.NextDouble() * 2) - 1) * 10, random.Next(2) == 0 ? 1 : 6);
        return dtype switch
        {
            DType.Float64 => Enumerable.Range(0, n).Select(Next).ToArray(),
            DType.Float32 => Enumerable.Range(0, n).Select(i => (float)Next(i)).ToArray(),
            DType.Int32 => Enumerable.Range(0, n).Select(_ => random.Next(-1000, 1000)).ToArray(),
            _ => Enumerable.Range(0, n).Select(_ => random.NextInt64(-1L << 40, 1L << 40)).ToArray(),
        };
    }
}
