using Tessera.Kernels.Cpu;
using Tessera.Kernels.Cpu.Fused.Compiled;
using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Tests.Cpu;

/// <summary>
/// The register-level compiled path (Cpu/Fused/Compiled) against the tile path, bit for bit:
/// every op with a vector form, both float types, lengths around the vector width (tails), and
/// data with NaN, ±0, ±∞, negative square roots and sin/cos arguments beyond the vector
/// reduction's range (whose whole vector falls back to Math in both paths). The compiled path runs
/// at the process's width through the backend, and at every width the host accelerates through
/// its explicit-width entry point, so an AVX-512 host checks the AVX2 and 128-bit kernels too.
/// </summary>
public sealed class CpuCompiledElementwiseTests
{
    private static readonly int[] Lengths = [0, 1, 7, 31, 733, 4099];

    private static readonly Expr X64 = Ex.Input(0, DType.Float64);
    private static readonly Expr Y64 = Ex.Input(1, DType.Float64);

    public static TheoryData<string, DType> Cases()
    {
        var data = new TheoryData<string, DType>();
        string[] names =
        [
            "negative", "absolute", "sqrt", "square", "sin", "cos",
            "add", "subtract", "multiply", "divide", "minimum", "maximum",
            "scaled", "shared", "benchmark",
        ];
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            foreach (var name in names)
            {
                if (dtype == DType.Float32 && name is "sin" or "cos" or "benchmark")
                {
                    continue;
                }
                data.Add(name, dtype);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CompiledPathEqualsTilePathBitForBit(string name, DType dtype)
    {
        var x = Ex.Input(0, dtype);
        var y = Ex.Input(1, dtype);
        var e = Build(name, x, y);
        foreach (var n in Lengths)
        {
            var inputs = new[] { Data(dtype, n, seed: 1), Data(dtype, n, seed: 2) };
            AssertSameAsTiled(e, inputs, n, expectCompiled: n > 0, $"{name} {dtype} n={n}");
        }
    }

    /// <summary>
    /// The compiled kernel run explicitly at 512, 256 and 128 bits (each the host accelerates), so
    /// an AVX-512 host checks the AVX2 and 128-bit kernels too: every width gives the tile path's
    /// bits, vectors with out-of-range sin/cos lanes and a tail shorter than any vector included.
    /// </summary>
    [Fact]
    public void EveryWidthTheHostRunsGivesTheTilePathsBits()
    {
        const int n = 10_007;
        var x = (double[])Data(DType.Float64, n, 5);
        var y = (double[])Data(DType.Float64, n, 6);
        x[4001] = 3e5;
        y[77] = double.NegativeInfinity;
        var e = Build("benchmark", X64, Y64);
        var inputs = new[] { CpuBuffer.Wrap(x, n), CpuBuffer.Wrap(y, n) };
        var expected = new double[n];
        CpuBackend.Instance.ElementwiseTiled(e, inputs, CpuBuffer.Wrap(expected, n));
        Assert.Contains(SimdWidth.Bits, Widths());
        foreach (var bits in Widths())
        {
            var actual = Unwritten(n + 1);
            Assert.True(CompiledElementwise.TryRun(e, inputs, CpuBuffer.Wrap(actual, 1, [n]), bits), $"compiled at {bits} bits");
            AssertBits(expected, actual[1..], $"benchmark expression at {bits} bits");
        }
    }

    [Fact]
    public void ConstantsOfAnExpressionWithACachedStructureAreItsOwn()
    {
        var inputs = new[] { Data(DType.Float64, 100, 1) };
        AssertSameAsTiled((X64 * 2.0) + 1.0, inputs, 100, expectCompiled: true, "x*2+1");
        AssertSameAsTiled((X64 * -3.5) + 7.0, inputs, 100, expectCompiled: true, "x*-3.5+7 (same structure)");
    }

    [Fact]
    public void SinAndCosOfLargeArgumentsMixedWithSmallOnesMatchTheTilePath()
    {
        // Lanes beyond the reduction limit send their whole vector to Math.Sin/Cos; the compiled
        // path must group lanes into vectors exactly as the tile path does.
        var x = new double[4099];
        var random = new Random(3);
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = i % 29 == 0 ? 3e5 * (random.NextDouble() - 0.5) : 10 * (random.NextDouble() - 0.5);
        }
        AssertSameAsTiled(Ex.Sin(X64) - Ex.Cos(X64), [x], x.Length, expectCompiled: true, "sin - cos");
    }

    [Fact]
    public void ProductOfASubexpressionWithItselfIsComputedOnceAsItsSquare()
    {
        // sin(x) * sin(x), built twice as a user's chain does: one sin per vector, not two.
        var shared = Ex.Sin(X64) * Ex.Sin(X64);
        var root = new Lowering<double>([InputMode.Contiguous], buildTypes: true).Lower(shared);
        Assert.NotNull(root);
        Assert.Equal(typeof(SquareNode<,>), root.GetGenericTypeDefinition());
        // With constants inside, equal structure is not equal values: (x * 2) * (x * 3) stays a product.
        var scaled = new Lowering<double>([InputMode.Contiguous], buildTypes: true).Lower((X64 * 2.0) * (X64 * 3.0));
        Assert.NotNull(scaled);
        Assert.Equal(typeof(MultiplyNode<,,>), scaled.GetGenericTypeDefinition());
        var inputs = new[] { Data(DType.Float64, 733, 1) };
        AssertSameAsTiled(shared, inputs, 733, expectCompiled: true, "sin(x) * sin(x)");
        AssertSameAsTiled((X64 * 2.0) * (X64 * 3.0), inputs, 733, expectCompiled: true, "(x * 2) * (x * 3)");
    }

    [Fact]
    public void OneElementInputIsBroadcastAsAScalar()
    {
        var x = (double[])Data(DType.Float64, 733, 1);
        var scale = CpuBuffer.Wrap(new[] { 0.0, 2.5 }, 1, [1]);
        var e = (X64 * Y64) - Y64;
        var expected = new double[733];
        CpuBackend.Instance.ElementwiseTiled(e, [CpuBuffer.Wrap(x, 733), scale], CpuBuffer.Wrap(expected, 733));
        foreach (var bits in Widths())
        {
            var actual = Unwritten(733);
            Assert.True(CompiledElementwise.TryRun(e, [CpuBuffer.Wrap(x, 733), scale], CpuBuffer.Wrap(actual, 733), bits), $"compiled at {bits} bits");
            AssertBits(expected, actual, $"x * s - s at {bits} bits");
        }
    }

    [Fact]
    public void WindowsWithOffsetsAndInPlaceOutputsAreRead()
    {
        var data = (double[])Data(DType.Float64, 300, 4);
        var original = (double[])data.Clone();
        var window = CpuBuffer.Wrap(data, 3, [290]);
        CpuBackend.Instance.Elementwise((X64 * X64) + X64, [window], window);
        for (var i = 0; i < data.Length; i++)
        {
            var expected = i is >= 3 and < 293 ? (original[i] * original[i]) + original[i] : original[i];
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(data[i]));
        }
    }

    [Fact]
    public void InPlaceSinWithLanesRecomputedExactlyReadsTheInputsBeforeOverwritingThem()
    {
        var data = new double[1000];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = i % 37 == 0 ? 2e5 + i : i / 7.0;
        }
        var e = Ex.Sin(X64) + X64;
        var expected = new double[data.Length];
        CpuBackend.Instance.ElementwiseTiled(e, [CpuBuffer.Wrap((double[])data.Clone(), data.Length)], CpuBuffer.Wrap(expected, data.Length));
        var inPlace = CpuBuffer.Wrap(data, data.Length);
        CpuBackend.Instance.Elementwise(e, [inPlace], inPlace);
        AssertBits(expected, data, "sin(x) + x in place");
    }

    [Fact]
    public void UnsupportedNodesAreLeftToTheTilePath()
    {
        var x = CpuBuffer.Wrap((double[])Data(DType.Float64, 12, 1), [3, 4]);
        var output = CpuBuffer.Wrap(new double[12], [3, 4]);
        Assert.False(CompiledElementwise.TryRun(Ex.Exp(X64), [x], output), "exp has no vector form here");
        Assert.False(CompiledElementwise.TryRun(Ex.Cast(Ex.Input(0, DType.Float32), DType.Float64), [CpuBuffer.Wrap(new float[12], [3, 4])], output), "casts");
        Assert.False(CompiledElementwise.TryRun(Ex.Less(X64, Y64), [x, x], CpuBuffer.Wrap(new bool[12], [3, 4])), "bool results");
        Assert.All(output.Array, v => Assert.Equal(0.0, v));
    }

    public static TheoryData<int[], int[]> Broadcasts => new()
    {
        { [5, 1000], [1000] },
        { [5, 1000], [5, 1] },
        { [3, 700, 3], [700, 1] },
        { [2, 2053], [1, 2053] },
    };

    [Theory]
    [MemberData(nameof(Broadcasts))]
    public void BroadcastInputsAreGatheredPerTileWithTheTilePathsValues(int[] shape, int[] other)
    {
        var n = shape.Aggregate(1, (a, b) => a * b);
        var m = other.Aggregate(1, (a, b) => a * b);
        var x = CpuBuffer.Wrap((double[])Data(DType.Float64, n, 1), shape);
        var y = CpuBuffer.Wrap((double[])Data(DType.Float64, m, 2), other);
        var e = (Ex.Sin(X64) * Y64) - Ex.Cos(Y64);
        var what = $"[{string.Join(",", shape)}] with [{string.Join(",", other)}]";
        // The broadcast operand on the left too, and read twice.
        var f = (Y64 * Y64) + X64;
        foreach (var (expression, name) in new[] { (e, "sin(x) * y - cos(y)"), (f, "y * y + x") })
        {
            var expected = CpuBuffer.Wrap(new double[n], shape);
            CpuBackend.Instance.ElementwiseTiled(expression, [x, y], expected);
            foreach (var bits in Widths())
            {
                var actual = CpuBuffer.Wrap(Unwritten(n), shape);
                Assert.True(CompiledElementwise.TryRun(expression, [x, y], actual, bits), $"{name} compiled at {bits} bits");
                AssertBits(expected.Array, actual.Array, $"{name}, {what}, {bits} bits");
            }
        }
    }

    [Fact]
    public void MismatchedInputsStillGetTheTilePathsErrors()
    {
        var output = CpuBuffer.Wrap(new double[4], 4);
        var ex = Assert.Throws<ArgumentException>(() =>
            CpuBackend.Instance.Elementwise(X64 + Y64, [CpuBuffer.Wrap(new double[4], 4)], output));
        Assert.Contains("input 1", ex.Message, StringComparison.Ordinal);
        var shape = Assert.Throws<ArgumentException>(() =>
            CpuBackend.Instance.Elementwise(X64 + Y64, [CpuBuffer.Wrap(new double[4], 4), CpuBuffer.Wrap(new double[3], 3)], output));
        Assert.Contains("does not broadcast", shape.Message, StringComparison.Ordinal);
    }

    private static Expr Build(string name, Expr x, Expr y) => name switch
    {
        "negative" => -x,
        "absolute" => Ex.Abs(x),
        "sqrt" => Ex.Sqrt(x),
        "square" => Ex.Pow(x, 2.0),
        "sin" => Ex.Sin(x),
        "cos" => Ex.Cos(x),
        "add" => x + y,
        "subtract" => x - y,
        "multiply" => x * y,
        "divide" => x / y,
        "minimum" => Ex.Minimum(x, y),
        "maximum" => Ex.Maximum(x, y),
        "scaled" => (2.0 - (x / 3.0)) * -0.5,
        "shared" => Shared(x, y),
        "benchmark" => Ex.Pow(Ex.Sin(x), 2.0) + (Ex.Pow(Ex.Cos(y), 2.0) * 3.0) - (x * y),
        _ => throw new ArgumentException($"Unknown case {name}."),
    };

    // One node read by three parents (a DAG): the compiled tree recomputes it, the tile path reuses it.
    private static Expr Shared(Expr x, Expr y)
    {
        var s = Ex.Sqrt(Ex.Abs(x - y));
        return (s * s) + Ex.Maximum(s, y);
    }

    private static void AssertSameAsTiled(Expr e, Array[] data, int n, bool expectCompiled, string what)
    {
        var inputs = data.Select(d => Wrap(d, n)).ToArray();
        var expected = CpuBuffer.Allocate(e.DType, [n]);
        CpuBackend.Instance.ElementwiseTiled(e, inputs, expected);
        // Outputs at several offsets in their arrays: the compiled loop aligns its stores, so
        // where its vectors start moves with the output's address.
        for (var shift = 0; shift < 8; shift += 3)
        {
            var viaBackend = Window(e.DType, n, shift);
            CpuBackend.Instance.Elementwise(e, inputs, viaBackend);
            AssertBits(Values(expected), Values(viaBackend), $"{what} (backend, output offset {shift})");
            foreach (var bits in Widths())
            {
                var compiled = Window(e.DType, n, shift);
                var ran = CompiledElementwise.TryRun(e, inputs, compiled, bits);
                Assert.True(ran == expectCompiled, $"{what}: compiled path taken at {bits} bits: {ran}");
                if (ran)
                {
                    AssertBits(Values(expected), Values(compiled), $"{what} (compiled at {bits} bits, output offset {shift})");
                }
            }
        }
    }

    // The widths this host runs in hardware: the compiled kernel is checked at each.
    private static IEnumerable<int> Widths() => new[] { 512, 256, 128 }.Where(bits => bits <= SimdWidth.Bits);

    // What fills an output before a path writes it: a NaN with a payload no computation here
    // produces (the data's NaNs have the default one), which AssertBits rejects, so an element
    // left unwritten fails even where the expected value is NaN. A float32 NaN, so that the
    // float32 outputs, widened for comparison, carry the same bits.
    private static readonly float UnwrittenSingle = BitConverter.Int32BitsToSingle(0x7FDE_ADBE);

    private static readonly long UnwrittenBits = BitConverter.DoubleToInt64Bits(UnwrittenSingle);

    private static double[] Unwritten(int n)
    {
        var values = new double[n];
        Array.Fill(values, UnwrittenSingle);
        return values;
    }

    private static CpuBuffer Window(DType dtype, int n, int offset) => dtype == DType.Float32
        ? CpuBuffer.Wrap(Enumerable.Repeat(UnwrittenSingle, n + offset).ToArray(), offset, [n])
        : CpuBuffer.Wrap(Unwritten(n + offset), offset, [n]);

    private static CpuBuffer Wrap(Array data, int n) => data switch
    {
        float[] f => CpuBuffer.Wrap(f, n),
        double[] d => CpuBuffer.Wrap(d, n),
        _ => throw new ArgumentException($"Unexpected test data {data.GetType()}."),
    };

    private static double[] Values(CpuBuffer buffer) => buffer switch
    {
        CpuBuffer<float> f => [.. f.Span.ToArray().Select(v => (double)v)],
        CpuBuffer<double> d => d.Span.ToArray(),
        _ => throw new ArgumentException($"Unexpected buffer {buffer}."),
    };

    // float32 results widen exactly, so comparing the widened bits compares the float32 bits.
    // Any NaN equals any NaN: with two NaN operands x86 returns the first one's payload and sign,
    // and the compiled code and TensorPrimitives may order the operands of + * min max differently
    // (seen in Release builds: the two paths gave NaNs with different bits), so NaN bits
    // are no contract (NumPy does not define them either). Every other value, ±0 included, is.
    private static void AssertBits(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(actual[i]) == UnwrittenBits)
            {
                Assert.Fail($"{what}: element {i} of {expected.Length} was never written");
            }
            if (double.IsNaN(expected[i]) && double.IsNaN(actual[i]))
            {
                continue;
            }
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
            {
                Assert.Fail($"{what}: element {i} of {expected.Length}: tile path {expected[i]:R}, compiled {actual[i]:R}");
            }
        }
    }

    // Mostly ordinary values, with NaN, ±0, ±∞, tiny and huge values sprinkled in.
    private static Array Data(DType dtype, int n, int seed)
    {
        var random = new Random(seed);
        double[] specials = [double.NaN, 0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, 1e-310, -3e5, 2e6, 1e5];
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = i % 13 == 5 ? specials[random.Next(specials.Length)] : 20 * (random.NextDouble() - 0.5);
        }
        return dtype == DType.Float32 ? values.Select(v => (float)v).ToArray() : values;
    }
}
