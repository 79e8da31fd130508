using Tessera.Arrays.Lazy;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;

namespace Tessera.Arrays.Reductions;

/// <summary>Views and conversions of host blocks used by the final steps of reductions.</summary>
internal static class HostBlocks
{
    /// <summary>
    /// The same elements under another shape of equal length: a view of a host block (no copy); a
    /// device block is reshaped by its own backend, on the device.
    /// </summary>
    public static IDeviceBuffer Reshape(IDeviceBuffer block, int[] shape) => ComputeBackends.For(block.Device).Reshape(block, shape);

    /// <summary>Doubles of a host block of any numeric type.</summary>
    public static double[] ToDoubles(IDeviceBuffer block) => Residency.ToHost(block) switch
    {
        CpuBuffer<float> b => [.. b.Span.ToArray().Select(v => (double)v)],
        CpuBuffer<double> b => b.Span.ToArray(),
        CpuBuffer<int> b => [.. b.Span.ToArray().Select(v => (double)v)],
        CpuBuffer<long> b => [.. b.Span.ToArray().Select(v => (double)v)],
        _ => throw new NotSupportedException($"Cannot read {block.DType} blocks on {block.Device} as numbers here."),
    };

    /// <summary>
    /// A block of <typeparamref name="T"/> from int64 sums or products: NumPy would return
    /// int64; a value that does not fit T is an <see cref="OverflowException"/>, never wrapped.
    /// </summary>
    public static CpuBuffer<T> Narrow<T>(IDeviceBuffer block) where T : unmanaged
    {
        var source = (CpuBuffer<long>)Residency.ToHost(block);
        var values = new T[source.Length];
        var span = source.Span;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = typeof(T) == typeof(int)
                ? (T)(object)(int.MinValue <= span[i] && span[i] <= int.MaxValue ? (int)span[i]
                    : throw new OverflowException(
                        $"The result {span[i]} does not fit an int. NumPy would give int64: use Astype<long>() before reducing."))
                : (T)Convert.ChangeType(span[i], typeof(T), System.Globalization.CultureInfo.InvariantCulture);
        }
        return CpuBuffer.Wrap(values, [.. source.Shape]);
    }

    public static CpuBuffer<T> FromDoubles<T>(double[] values, int[] shape) where T : unmanaged =>
        typeof(T) == typeof(double) ? (CpuBuffer<T>)(object)CpuBuffer.Wrap(values, shape)
        : typeof(T) == typeof(float) ? (CpuBuffer<T>)(object)CpuBuffer.Wrap(values.Select(v => (float)v).ToArray(), shape)
        : throw new NotSupportedException($"{typeof(T).Name} results of this reduction are not supported; use float or double.");
}
