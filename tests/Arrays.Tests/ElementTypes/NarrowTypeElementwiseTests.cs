using System.Numerics;

namespace Tessera.Arrays.Tests.ElementTypes;

/// <summary>
/// Elementwise arithmetic, bitwise ops and comparisons on int8, int16, uint8, uint16, uint32,
/// uint64 and float16 arrays in blocks, against NumPy: values (overflow wraps as NumPy's), dtypes
/// and block shapes.
/// </summary>
public class NarrowTypeElementwiseTests
{
    private static readonly long[] Shape = [13, 11];
    private const int Count = 13 * 11;

    public static TheoryData<string> IntegerTypes() => ["int8", "int16", "uint8", "uint16", "uint32", "uint64"];

    public static TheoryData<string> AllTypes() => ["int8", "int16", "uint8", "uint16", "uint32", "uint64", "float16"];

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Arithmetic_WrapsAsNumPy(string dtype) => Dispatch(dtype, new Arithmetic());

    [Theory]
    [MemberData(nameof(IntegerTypes))]
    public void IntegerDivisionAndBitwise_MatchNumPy(string dtype) => Dispatch(dtype, new IntegerOnly());

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Comparisons_GiveBool(string dtype) => Dispatch(dtype, new Comparisons());

    [Fact]
    public void BitwiseOnFloats_SaysToCast()
    {
        var x = BlockedArray.FromArray(new double[] { 1, 2 }, [2]);
        var error = Assert.Throws<NotSupportedException>(() => x & x);
        Assert.Contains("float64", error.Message);
        Assert.Contains("Astype", error.Message);
    }

    [Fact]
    public void BoolBitwise_IsLogical()
    {
        var a = BlockedArray.FromArray(new[] { true, true, false, false }, [4], [3]);
        var b = BlockedArray.FromArray(new[] { true, false, true, false }, [4], [3]);
        Assert.Equal([true, false, false, false], (a & b).Compute().ToArray());
        Assert.Equal([true, true, true, false], (a | b).Compute().ToArray());
        Assert.Equal([false, true, true, false], (a ^ b).Compute().ToArray());
        Assert.Equal([false, false, true, true], (~a).Compute().ToArray());
    }

    private interface ICase
    {
        void Run<T>() where T : unmanaged, INumberBase<T>, IMinMaxValue<T>;
    }

    private static void Dispatch<TCase>(string dtype, TCase c) where TCase : ICase
    {
        switch (dtype)
        {
            case "int8": c.Run<sbyte>(); break;
            case "int16": c.Run<short>(); break;
            case "uint8": c.Run<byte>(); break;
            case "uint16": c.Run<ushort>(); break;
            case "uint32": c.Run<uint>(); break;
            case "uint64": c.Run<ulong>(); break;
            case "float16": c.Run<Half>(); break;
            default: throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null);
        }
    }

    private static (BlockedArray<T> A, BlockedArray<T> B, NumPyInput[] Inputs) Operands<T>()
        where T : unmanaged, INumberBase<T>, IMinMaxValue<T>
    {
        var (a, b) = (DTypeValues.Of<T>(Count, 1), DTypeValues.Of<T>(Count, 2));
        return (BlockedArray.FromArray(a, Shape, [5, 4]), BlockedArray.FromArray(b, Shape, [5, 4]),
            [NumPyInput.Of("a", a, Shape), NumPyInput.Of("b", b, Shape)]);
    }

    // float16 results are rounded once from float32 by both sides; allow one float16 ulp.
    private static double Tolerance<T>() => typeof(T) == typeof(Half) ? 1e-3 : 0;

    private readonly struct Arithmetic : ICase
    {
        public void Run<T>() where T : unmanaged, INumberBase<T>, IMinMaxValue<T>
        {
            var (a, b, inputs) = Operands<T>();
            var tolerance = Tolerance<T>();
            ArrayAssert.EqualNumPy(a + b, "a + b", inputs, relative: tolerance);
            ArrayAssert.EqualNumPy(a - b, "a - b", inputs, relative: tolerance);
            ArrayAssert.EqualNumPy(a * b, "a * b", inputs, relative: tolerance);
            ArrayAssert.EqualNumPy(-a, "-a", inputs, relative: tolerance);
            ArrayAssert.EqualNumPy(BlockedArray.Abs(a), "np.abs(a)", inputs, relative: tolerance);
            ArrayAssert.EqualNumPy(BlockedArray.Maximum(a, b), "np.maximum(a, b)", inputs, relative: tolerance);
            ArrayAssert.EqualNumPy(BlockedArray.Minimum(a, b) + T.One, "np.minimum(a, b) + 1", inputs, relative: tolerance);
        }
    }

    private readonly struct IntegerOnly : ICase
    {
        public void Run<T>() where T : unmanaged, INumberBase<T>, IMinMaxValue<T>
        {
            var (a, b, inputs) = Operands<T>();
            ArrayAssert.EqualNumPy(BlockedArray.FloorDivide(a, b), "np.floor_divide(a, b)", inputs);
            ArrayAssert.EqualNumPy(BlockedArray.Mod(a, b), "np.mod(a, b)", inputs);
            ArrayAssert.EqualNumPy(a & b, "a & b", inputs);
            ArrayAssert.EqualNumPy(a | b, "a | b", inputs);
            ArrayAssert.EqualNumPy((a ^ b) & T.CreateTruncating(0x5A), "(a ^ b) & 0x5A", inputs);
            ArrayAssert.EqualNumPy(~a, "~a", inputs);
            ArrayAssert.EqualNumPy(a << 3, "a << 3", inputs);
            ArrayAssert.EqualNumPy(a >> 2, "a >> 2", inputs);
            var counts = DTypeValues.ShiftCounts<T>(Count, 3);
            var c = BlockedArray.FromArray(counts, Shape, [5, 4]);
            NumPyInput[] withCounts = [.. inputs, NumPyInput.Of("c", counts, Shape)];
            ArrayAssert.EqualNumPy(BlockedArray.LeftShift(a, c), "np.left_shift(a, c)", withCounts);
            ArrayAssert.EqualNumPy(BlockedArray.RightShift(a, c), "np.right_shift(a, c)", withCounts);
        }
    }

    private readonly struct Comparisons : ICase
    {
        public void Run<T>() where T : unmanaged, INumberBase<T>, IMinMaxValue<T>
        {
            var (a, b, inputs) = Operands<T>();
            ArrayAssert.EqualNumPy(a < b, "a < b", inputs);
            ArrayAssert.EqualNumPy(a >= b, "a >= b", inputs);
            ArrayAssert.EqualNumPy(a.ElementwiseEquals(b), "a == b", inputs);
        }
    }
}
