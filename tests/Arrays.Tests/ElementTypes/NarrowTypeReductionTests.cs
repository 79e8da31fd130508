using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tessera.Arrays.Tests.ElementTypes;

/// <summary>
/// Reductions, conversions and HDF5 reads and writes of int8, int16, the unsigned integers and
/// float16, in blocks, against NumPy and h5py.
/// </summary>
public class NarrowTypeReductionTests
{
    private static readonly long[] Shape = [13, 11];
    private const int Count = 13 * 11;

    public static TheoryData<string> AllTypes() => ["int8", "int16", "uint8", "uint16", "uint32", "uint64", "float16"];

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void ExtremaAndPositions_AlongEachAxis_MatchNumPy(string dtype) => Dispatch(dtype, new Extrema());

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Sums_OfSmallValues_MatchNumPy(string dtype) => Dispatch(dtype, new Sums());

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Astype_ToAndFromWideTypes_MatchesNumPy(string dtype) => Dispatch(dtype, new Conversions());

    [Fact]
    public void SumThatOverflowsTheType_SaysHowToWiden()
    {
        var x = BlockedArray.FromArray(Enumerable.Repeat((byte)200, 10).ToArray(), [10], [3]);
        var error = Assert.IsType<OverflowException>(Assert.Throws<TaskFailedException>(() => x.Sum().Compute()).InnerException);
        Assert.Contains("2000", error.Message);
        Assert.Contains("uint64", error.Message);
        Assert.Equal(2000L, x.Astype<long>().Sum().Compute());
    }

    [Fact]
    public void Hdf5_ReadsStoredWidths_AndDecodesWithAstype()
    {
        var folder = Directory.CreateTempSubdirectory("tessera-dtypes-");
        try
        {
            var path = Path.Combine(folder.FullName, "packed.h5");
            Testing.PythonOracle.Run($$"""
                import h5py, numpy as np
                with h5py.File(r'{{path}}', 'w') as f:
                    f.create_dataset('t', data=(np.arange(-300, 300, dtype=np.int16) * 7).reshape(20, 30), chunks=(6, 30))
                    f.create_dataset('img', data=(np.arange(600) % 256).astype(np.uint8).reshape(20, 30), chunks=(8, 8))
                    f.create_dataset('h', data=np.linspace(-3, 3, 600).astype(np.float16).reshape(20, 30))
                """);
            var t = BlockedArray.FromHdf5<short>(path, "/t");
            Assert.Equal(DType.Int16, t.DType);
            var decoded = (t.Astype<float>() * 0.01f) + 273.15f;
            ArrayAssert.EqualNumPy(decoded, "(np.arange(-300, 300, dtype=np.int16) * 7).reshape(20, 30).astype(np.float32) * np.float32(0.01) + np.float32(273.15)", [], relative: 1e-6);
            ArrayAssert.EqualNumPy(BlockedArray.FromHdf5<byte>(path, "/img").Max(0), "((np.arange(600) % 256).astype(np.uint8).reshape(20, 30)).max(0)", []);
            ArrayAssert.EqualNumPy(BlockedArray.FromHdf5<Half>(path, "/h"), "np.linspace(-3, 3, 600).astype(np.float16).reshape(20, 30)", []);
            var wrong = Assert.Throws<ArgumentException>(() => BlockedArray.FromHdf5<ushort>(path, "/t"));
            Assert.Contains("int16", wrong.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Hdf5_WritesNarrowTypes_ThatH5pyReads()
    {
        var folder = Directory.CreateTempSubdirectory("tessera-dtypes-");
        try
        {
            var path = Path.Combine(folder.FullName, "out.h5");
            var values = DTypeValues.Of<short>(Count, 5);
            BlockedArray.FromArray(values, Shape, [5, 4]).ToHdf5(path, "/s");
            var halves = DTypeValues.Of<Half>(Count, 6);
            var halfPath = Path.Combine(folder.FullName, "half.h5");
            BlockedArray.FromArray(halves, Shape, [5, 4]).ToHdf5(halfPath, "/h");
            var output = Testing.PythonOracle.Run($$"""
                import h5py, numpy as np
                with h5py.File(r'{{path}}', 'r') as f, h5py.File(r'{{halfPath}}', 'r') as g:
                    print(f['s'].dtype, g['h'].dtype, ' '.join(str(v) for v in f['s'][...].ravel()))
                    print(' '.join(repr(float(v)) for v in g['h'][...].ravel()))
                """).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var words = output[0].Split(' ');
            Assert.Equal(("int16", "float16"), (words[0], words[1]));
            Assert.Equal(values.Select(v => (long)v), words.Skip(2).Select(long.Parse));
            Assert.Equal(halves.Select(h => (double)h), output[1].Split(' ').Select(w => double.Parse(w, System.Globalization.CultureInfo.InvariantCulture)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
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

    private readonly struct Extrema : ICase
    {
        public void Run<T>() where T : unmanaged, INumberBase<T>, IMinMaxValue<T>
        {
            var values = DTypeValues.Of<T>(Count, 7);
            var x = BlockedArray.FromArray(values, Shape, [5, 4]);
            NumPyInput[] inputs = [NumPyInput.Of("x", values, Shape)];
            ArrayAssert.EqualNumPy(x.Max(0), "x.max(0)", inputs);
            ArrayAssert.EqualNumPy(x.Min(1), "x.min(1)", inputs);
            ArrayAssert.EqualNumPy(x.ArgMax(0), "x.argmax(0)", inputs);
            ArrayAssert.EqualNumPy(x.ArgMin(1), "x.argmin(1)", inputs);
            Assert.Equal(values.Max(), x.Max().Compute());
        }
    }

    // Values 0..9 so sums along an axis fit every type; float16 sums agree to float16 rounding.
    private readonly struct Sums : ICase
    {
        public void Run<T>() where T : unmanaged, INumberBase<T>, IMinMaxValue<T>
        {
            var values = Enumerable.Range(0, Count).Select(i => T.CreateTruncating(i % 10)).ToArray();
            var x = BlockedArray.FromArray(values, Shape, [5, 4]);
            NumPyInput[] inputs = [NumPyInput.Of("x", values, Shape)];
            var tolerance = typeof(T) == typeof(Half) ? 1e-3 : 0;
            ArrayAssert.EqualNumPy(x.Sum(0), "x.sum(0).astype(x.dtype)", inputs, relative: tolerance);
            ArrayAssert.EqualNumPy(x.Max(1) + x.Min(1), "x.max(1) + x.min(1)", inputs, relative: tolerance);
            Assert.Equal(values.Sum(v => long.CreateTruncating(v)), x.Astype<long>().Sum().Compute());
        }
    }

    private readonly struct Conversions : ICase
    {
        public void Run<T>() where T : unmanaged, INumberBase<T>, IMinMaxValue<T>
        {
            var values = DTypeValues.Of<T>(Count, 9);
            var x = BlockedArray.FromArray(values, Shape, [5, 4]);
            NumPyInput[] inputs = [NumPyInput.Of("x", values, Shape)];
            ArrayAssert.EqualNumPy(x.Astype<double>(), "x.astype(np.float64)", inputs);
            ArrayAssert.EqualNumPy(x.Astype<long>(), "x.astype(np.int64)", inputs);
            if (Unsafe.SizeOf<T>() <= 2)
            {
                // float32 holds every 8- and 16-bit value; wider ones round out of range, where NumPy's cast is undefined.
                ArrayAssert.EqualNumPy(x.Astype<float>().Astype<T>(), "x.astype(np.float32).astype(x.dtype)", inputs);
            }
            var wide = Enumerable.Range(0, Count).Select(i => (long)((i * 2654435761L) % 100000) - 50000).ToArray();
            NumPyInput[] wideInputs = [NumPyInput.Of("w", wide, Shape)];
            var target = ArrayAssert.NumPyType(typeof(T)).TrimStart('<');
            ArrayAssert.EqualNumPy(BlockedArray.FromArray(wide, Shape, [5, 4]).Astype<T>(), $"w.astype('{target}')", wideInputs,
                relative: typeof(T) == typeof(Half) ? 1e-3 : 0);
        }
    }
}
