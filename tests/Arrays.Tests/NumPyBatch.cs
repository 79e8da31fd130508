using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Tessera.Testing;

namespace Tessera.Arrays.Tests;

/// <summary>
/// Many NumPy expressions over the same inputs in one python3 run: starting the interpreter and
/// importing numpy costs most of a second on a busy host, so a test class asks once for all
/// its cases. Each result keeps NumPy's dtype, shape and float64 values; a complex result's
/// values are (real, imaginary) pairs, as <see cref="ComplexBlockedArray.Interleaved"/> holds them.
/// </summary>
internal sealed class NumPyBatch
{
    internal sealed record Result(string DType, long[] Shape, double[] Values);

    private readonly Dictionary<string, Result> _results;

    public NumPyBatch(IReadOnlyList<NumPyInput> inputs, IEnumerable<string> expressions)
    {
        var list = expressions.Distinct().ToList();
        var folder = Directory.CreateTempSubdirectory("tessera-numpy-batch-");
        try
        {
            var script = new StringBuilder("import numpy as np\n");
            foreach (var input in inputs)
            {
                var path = Path.Combine(folder.FullName, input.Name + ".bin");
                var (bytes, dtype) = input.Values switch
                {
                    double[] d => (MemoryMarshal.AsBytes(d.AsSpan()).ToArray(), "<f8"),
                    float[] f => (MemoryMarshal.AsBytes(f.AsSpan()).ToArray(), "<f4"),
                    _ => throw new NotSupportedException($"NumPyBatch takes float or double inputs, not {input.Values.GetType().Name}."),
                };
                File.WriteAllBytes(path, bytes);
                script.Append(CultureInfo.InvariantCulture,
                    $"{input.Name} = np.fromfile(r'{path}', dtype='{dtype}').reshape(({string.Join("", input.Shape.Select(s => s + ","))}))\n");
            }
            for (var i = 0; i < list.Count; i++)
            {
                var output = Path.Combine(folder.FullName, $"r{i}.bin");
                script.Append(CultureInfo.InvariantCulture, $"r = np.asarray({list[i]})\n");
                script.Append(CultureInfo.InvariantCulture, $"(np.stack([r.real, r.imag], -1) if np.iscomplexobj(r) else r).astype('<f8').tofile(r'{output}')\n");
                script.Append("print(r.dtype.name, *r.shape)\n");
            }
            var lines = PythonOracle.Run(script.ToString()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            _results = [];
            for (var i = 0; i < list.Count; i++)
            {
                var words = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var values = MemoryMarshal.Cast<byte, double>(File.ReadAllBytes(Path.Combine(folder.FullName, $"r{i}.bin"))).ToArray();
                _results[list[i]] = new(words[0], [.. words.Skip(1).Select(w => long.Parse(w, CultureInfo.InvariantCulture))], values);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    public Result this[string expression] => _results[expression];

    /// <summary>
    /// dask's assert_eq against the batch's <paramref name="expression"/>: NumPy's dtype is T's
    /// (float32 or float64), shapes agree, and on both executors every block has its grid's shape
    /// and the values agree within <paramref name="relative"/> (scaled to magnitude).
    /// </summary>
    public void AssertEqual<T>(BlockedArray<T> actual, string expression, double relative) where T : unmanaged
    {
        var expected = this[expression];
        Assert.Equal(typeof(T) == typeof(float) ? "float32" : typeof(T) == typeof(double) ? "float64" : typeof(T).Name, expected.DType);
        Assert.Equal(expected.Shape, actual.Shape.ToArray());
        foreach (var scheduler in Schedulers)
        {
            Close(expected.Values, Compute(actual, scheduler), relative, $"{expression} ({scheduler})");
        }
    }

    /// <summary>As the other overload for a complex result: NumPy's dtype is complex128, and real and imaginary parts agree.</summary>
    public void AssertEqual(ComplexBlockedArray actual, string expression, double relative)
    {
        var expected = this[expression];
        Assert.Equal("complex128", expected.DType);
        Assert.Equal(expected.Shape, actual.Shape.ToArray());
        Assert.Equal(actual.Rank + 1, actual.Interleaved.Rank);
        foreach (var scheduler in Schedulers)
        {
            Close(expected.Values, Compute(actual.Interleaved, scheduler), relative, $"{expression} ({scheduler})");
        }
    }

    public static readonly SchedulerKind[] Schedulers = [SchedulerKind.Synchronous, SchedulerKind.Threaded];

    /// <summary>The array computed with <paramref name="scheduler"/>, every block checked against its grid, as doubles.</summary>
    public static double[] Compute<T>(BlockedArray<T> array, SchedulerKind scheduler) where T : unmanaged =>
        [.. ArrayAssert.ComputeCheckingBlocks(array, new ComputeOptions { Scheduler = scheduler })
            .Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture))];

    /// <summary>Both value lists agree within <paramref name="tolerance"/> scaled to magnitude (NaN equals NaN).</summary>
    public static void Close(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])) || (double.IsNaN(expected[i]) && double.IsNaN(actual[i])),
                $"{what}: element {i} is {actual[i]}; expected {expected[i]}");
        }
    }
}
