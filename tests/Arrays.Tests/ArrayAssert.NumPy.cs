using System.Globalization;
using System.Runtime.InteropServices;
using Tessera.Testing;

namespace Tessera.Arrays.Tests;

/// <summary>An input handed to NumPy under <paramref name="Name"/>: row-major values of a shape.</summary>
internal sealed record NumPyInput(string Name, Array Values, long[] Shape)
{
    public static NumPyInput Of<T>(string name, T[] values, params long[] shape) where T : unmanaged => new(name, values, shape);
}

internal static partial class ArrayAssert
{
    /// <summary>
    /// dask's assert_eq against NumPy: evaluates <paramref name="numpyExpression"/> (with
    /// <c>np</c> and the <paramref name="inputs"/> bound by name) in Debian's python3, then
    /// computes <paramref name="actual"/> block by block with the Synchronous and the Threaded
    /// scheduler and checks: each block's shape and dtype are the grid's, NumPy's dtype is
    /// <typeparamref name="T"/>'s, the assembled values match within <paramref name="relative"/>
    /// (scaled to magnitude; NaN equals NaN), and lowering twice (and <paramref name="rebuild"/>,
    /// when given) yields the same keys.
    /// </summary>
    public static void EqualNumPy<T>(BlockedArray<T> actual, string numpyExpression, IReadOnlyList<NumPyInput> inputs,
        Func<BlockedArray<T>>? rebuild = null, double relative = 1e-12) where T : unmanaged
    {
        var (expected, shape) = EvaluateNumPy<T>(numpyExpression, inputs);
        Assert.Equal(shape, actual.Rank == 0 ? [] : actual.Shape.ToArray());
        foreach (var scheduler in new[] { SchedulerKind.Synchronous, SchedulerKind.Threaded })
        {
            var values = ComputeCheckingBlocks(actual, new ComputeOptions { Scheduler = scheduler });
            Assert.Equal(expected.Length, values.Length);
            for (var i = 0; i < values.Length; i++)
            {
                var e = ToDouble(expected[i]);
                var a = ToDouble(values[i]);
                var tolerance = relative * Math.Max(1, Math.Abs(e));
                Assert.True(Math.Abs(e - a) <= tolerance || (double.IsNaN(e) && double.IsNaN(a)) || e.Equals(a),
                    $"element {i}: NumPy's {numpyExpression} gives {e}, Tessera gives {a} ({scheduler})");
            }
        }
        AssertDeterministicKeys(actual, rebuild);
    }

    /// <summary>Lowers the array twice (and its rebuild once): the layer name and every task key must agree.</summary>
    public static void AssertDeterministicKeys<T>(BlockedArray<T> actual, Func<BlockedArray<T>>? rebuild) where T : unmanaged
    {
        var keys = actual.ToGraph(Device.Cpu).Tasks.Select(t => t.Key).Order().ToArray();
        Assert.Equal(keys, actual.ToGraph(Device.Cpu).Tasks.Select(t => t.Key).Order());
        if (rebuild is not null)
        {
            var again = rebuild();
            Assert.Equal(actual.Name, again.Name);
            Assert.Equal(keys, again.ToGraph(Device.Cpu).Tasks.Select(t => t.Key).Order());
        }
    }

    /// <summary>Runs the array's graph and checks every block against the grid before assembling them row-major.</summary>
    public static T[] ComputeCheckingBlocks<T>(BlockedArray<T> actual, ComputeOptions options) where T : unmanaged
    {
        var grid = actual.Chunks;
        var values = new T[grid.ElementCount];
        var blocks = actual.ComputeBlocks(options);
        Assert.Equal(grid.BlockCount, blocks.Count);
        foreach (var block in blocks)
        {
            var declared = grid.BlockShape(block.Index);
            Assert.True(block.Shape.Select(s => (long)s).SequenceEqual(declared) && block.DType == actual.DType,
                $"block [{string.Join(", ", block.Index)}] of {actual.Name} is {block.DType}({string.Join(", ", block.Shape)}); " +
                $"the grid declares {actual.DType}({string.Join(", ", declared)})");
            Place(block.Values!, declared, grid.BlockOffset(block.Index), values, grid.Shape);
        }
        return values;
    }

    /// <summary>Copies a row-major block into the row-major whole at <paramref name="offset"/>.</summary>
    private static void Place<T>(T[] block, long[] shape, long[] offset, T[] whole, IReadOnlyList<long> wholeShape)
    {
        var rank = shape.Length;
        var index = new long[rank];
        for (var i = 0; i < block.Length; i++)
        {
            long target = 0;
            for (var d = 0; d < rank; d++)
            {
                target = (target * wholeShape[d]) + offset[d] + index[d];
            }
            whole[target] = block[i];
            for (var d = rank - 1; d >= 0 && ++index[d] == shape[d]; d--)
            {
                index[d] = 0;
            }
        }
    }

    /// <summary>NumPy's value of <paramref name="expression"/> as <typeparamref name="T"/> (its dtype must be T's) and its shape.</summary>
    public static (T[] Values, long[] Shape) EvaluateNumPy<T>(string expression, IReadOnlyList<NumPyInput> inputs) where T : unmanaged
    {
        var folder = Directory.CreateTempSubdirectory("tessera-numpy-");
        try
        {
            // NumPy 2's promotion (NEP 50, weak Python scalars) is what Tessera implements; NumPy
            // 1.24 has it behind a switch.
            var script = new System.Text.StringBuilder("import numpy as np\n");
            script.Append("if hasattr(np, '_set_promotion_state'): np._set_promotion_state('weak')\n");
            foreach (var input in inputs)
            {
                var path = Path.Combine(folder.FullName, input.Name + ".bin");
                File.WriteAllBytes(path, Bytes(input.Values));
                script.Append(CultureInfo.InvariantCulture,
                    $"{input.Name} = np.fromfile(r'{path}', dtype='{NumPyType(input.Values.GetType().GetElementType()!)}').reshape(({string.Join("", input.Shape.Select(s => s + ","))}))\n");
            }
            var output = Path.Combine(folder.FullName, "result.bin");
            script.Append(CultureInfo.InvariantCulture, $"r = np.asarray({expression})\n");
            script.Append(CultureInfo.InvariantCulture, $"r.astype(r.dtype.newbyteorder('<')).tofile(r'{output}')\n");
            script.Append("print(r.dtype.str.lstrip('<>=|'), *r.shape)\n");
            var words = PythonOracle.Run(script.ToString()).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            Assert.True(words[0] == NumPyType(typeof(T)).TrimStart('<'),
                $"NumPy's {expression} has dtype {words[0]}; the array under test holds {typeof(T).Name} ({NumPyType(typeof(T))})");
            var shape = words.Skip(1).Select(w => long.Parse(w, CultureInfo.InvariantCulture)).ToArray();
            return (MemoryMarshal.Cast<byte, T>(File.ReadAllBytes(output)).ToArray(), shape);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Any element as a double, for tolerant comparison (Half has no IConvertible).</summary>
    public static double ToDouble<T>(T value) => value switch
    {
        Half h => (double)h,
        bool b => b ? 1 : 0,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    private static byte[] Bytes(Array values) => values switch
    {
        bool[] v => [.. v.Select(b => b ? (byte)1 : (byte)0)],
        Half[] v => MemoryMarshal.AsBytes(v.AsSpan()).ToArray(),
        _ => ByteCopy(values),
    };

    // Every other element type is a primitive number stored little-endian, as NumPy's '<' types.
    private static byte[] ByteCopy(Array values)
    {
        var bytes = new byte[Buffer.ByteLength(values)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    internal static string NumPyType(Type element) =>
        element == typeof(float) ? "<f4"
        : element == typeof(double) ? "<f8"
        : element == typeof(Half) ? "<f2"
        : element == typeof(int) ? "<i4"
        : element == typeof(long) ? "<i8"
        : element == typeof(short) ? "<i2"
        : element == typeof(sbyte) ? "i1"
        : element == typeof(byte) ? "u1"
        : element == typeof(ushort) ? "<u2"
        : element == typeof(uint) ? "<u4"
        : element == typeof(ulong) ? "<u8"
        : element == typeof(bool) ? "b1"
        : throw new NotSupportedException($"No NumPy dtype for {element.Name}.");
}
