using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.DataFrames.Columns;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Kernels.Expressions;

namespace Tessera.DataFrames.Expressions;

internal sealed partial class ExpressionEvaluator
{
    /// <summary>Runs the lowered root: its host array, or its one fused kernel, with the validity of its operands.</summary>
    private IArrowArray Materialize(Lowered root, IComputeBackend backend)
    {
        if (root.Kernel is null)
        {
            return root.Host ?? throw new InvalidOperationException("A host expression produced no values.");
        }
        var bitmap = ArrowColumns.CombinedValidity(root.Validity, _length, out var nulls);
        var dtype = root.Kernel.DType;
        object values = root.Kernel switch
        {
            // An input alone (a string comparison, a host function) needs no kernel.
            InputExpr input => _inputs[input.Index],
            ConstantExpr constant => Filled(constant.Value, _length),
            _ when _length == 0 => Empty(dtype),
            _ => RunKernel(root.Kernel, backend),
        };
        return values switch
        {
            bool[] flags => ArrowColumns.Booleans(flags, bitmap, nulls),
            double[] d => ArrowColumns.Wrap(root.Type, d, _length, bitmap, nulls),
            float[] f => ArrowColumns.Wrap(root.Type, f, _length, bitmap, nulls),
            long[] l => ArrowColumns.Wrap(root.Type, l, _length, bitmap, nulls),
            int[] i => ArrowColumns.Wrap(root.Type, i, _length, bitmap, nulls),
            _ => throw new InvalidOperationException($"Unexpected kernel output {values.GetType().Name}."),
        };
    }

    private object RunKernel(Expr expression, IComputeBackend backend)
    {
        var host = _inputs.Select((values, i) => Wrap(values, _inputTypes[i])).ToArray();
        if (backend is CpuBackend)
        {
            var output = CpuBuffer.Allocate(expression.DType, [_length]);
            backend.Elementwise(expression, host, output);
            return ArrayOf(output);
        }
        // Another device: inputs go up, the fused kernel runs there, the result comes back to the
        // host, where Arrow arrays live.
        var device = host.Select(h => HostCopies.ToDevice(backend, h)).ToArray();
        var result = backend.Allocate(expression.DType, [_length]);
        try
        {
            backend.Elementwise(expression, device, result);
            return ArrayOf(HostCopies.Of(result, backend));
        }
        finally
        {
            backend.Synchronize();
            foreach (var buffer in device)
            {
                backend.Free(buffer);
            }
            backend.Free(result);
        }
    }

    private static CpuBuffer Wrap(object values, DType dtype) => values switch
    {
        double[] d => CpuBuffer.Wrap(d, d.Length),
        float[] f => CpuBuffer.Wrap(f, f.Length),
        long[] l => CpuBuffer.Wrap(l, l.Length),
        int[] i => CpuBuffer.Wrap(i, i.Length),
        bool[] b => CpuBuffer.Wrap(b, b.Length),
        _ => throw new InvalidOperationException($"No values for a {dtype} input."),
    };

    private static object ArrayOf(CpuBuffer buffer) => buffer switch
    {
        CpuBuffer<double> d => d.Array,
        CpuBuffer<float> f => f.Array,
        CpuBuffer<long> l => l.Array,
        CpuBuffer<int> i => i.Array,
        CpuBuffer<bool> b => b.Array,
        _ => throw new InvalidOperationException($"Unexpected kernel output {buffer.DType}."),
    };

    /// <summary>A column's values as the kernel's element array (copied: kernels take managed arrays).</summary>
    private static object KernelValues(IArrowArray array, DType dtype) => dtype switch
    {
        DType.Float64 => ArrowColumns.Values<double>(array).ToArray(),
        DType.Float32 => ArrowColumns.Values<float>(array).ToArray(),
        DType.Int64 => ArrowColumns.Values<long>(array).ToArray(),
        DType.Int32 => ArrowColumns.Values<int>(array).ToArray(),
        _ => Flags((BooleanArray)array),
    };

    private static bool[] Flags(BooleanArray array)
    {
        var flags = new bool[array.Length];
        var bits = array.ValueBuffer.Span;
        for (var i = 0; i < flags.Length; i++)
        {
            var at = array.Offset + i;
            flags[i] = (bits[at >> 3] & (1 << (at & 7))) != 0;
        }
        return flags;
    }

    /// <summary>One flag per row: valid in every array (or, negated, null in some).</summary>
    private bool[] ValidFlags(IReadOnlyList<IArrowArray> arrays, bool negate)
    {
        var flags = new bool[_length];
        System.Array.Fill(flags, !negate);
        foreach (var array in arrays)
        {
            for (var i = 0; i < _length; i++)
            {
                if (!array.IsValid(i))
                {
                    flags[i] = negate;
                }
            }
        }
        return flags;
    }

    private static object Filled(Scalar value, int length) => value.DType switch
    {
        DType.Float64 => Enumerable.Repeat(value.As<double>(), length).ToArray(),
        DType.Float32 => Enumerable.Repeat(value.As<float>(), length).ToArray(),
        DType.Int64 => Enumerable.Repeat(value.As<long>(), length).ToArray(),
        DType.Int32 => Enumerable.Repeat(value.As<int>(), length).ToArray(),
        _ => Enumerable.Repeat(value.As<bool>(), length).ToArray(),
    };

    private static object Empty(DType dtype) => dtype switch
    {
        DType.Float64 => System.Array.Empty<double>(),
        DType.Float32 => System.Array.Empty<float>(),
        DType.Int64 => System.Array.Empty<long>(),
        DType.Int32 => System.Array.Empty<int>(),
        _ => System.Array.Empty<bool>(),
    };

    private static StringArray FillStrings(IArrowArray array, string value)
    {
        var strings = (StringArray)array;
        return ArrowColumns.Strings([.. Enumerable.Range(0, strings.Length).Select(i => strings.IsValid(i) ? strings.GetString(i) : value)]);
    }

    private static string? FormatValue(object? value) => value switch
    {
        null => null,
        bool b => b ? "True" : "False",
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
