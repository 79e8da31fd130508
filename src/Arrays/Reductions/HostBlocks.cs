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
    /// <summary>
    /// An int64 or uint64 reduction result as the array's own integer type, checked: a value that
    /// does not fit is an <see cref="OverflowException"/> that says how to get NumPy's wide result.
    /// </summary>
    public static CpuBuffer<T> Narrow<T>(IDeviceBuffer block) where T : unmanaged
    {
        var host = Residency.ToHost(block);
        var wide = host as CpuBuffer<long>;
        var unsigned = host as CpuBuffer<ulong>;
        var length = (int)(wide?.Length ?? unsigned!.Length);
        var values = new T[length];
        for (var i = 0; i < length; i++)
        {
            object value = wide is not null ? wide.Span[i] : unsigned!.Span[i];
            try
            {
                values[i] = (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (OverflowException)
            {
                throw new OverflowException(
                    $"The result {value} does not fit {typeof(T).Name}. NumPy would give {host.DType.NumPyName()}: " +
                    $"use Astype<{(wide is not null ? "long" : "ulong")}>() before reducing.");
            }
        }
        return CpuBuffer.Wrap(values, [.. host.Shape]);
    }

    public static CpuBuffer<T> FromDoubles<T>(double[] values, int[] shape) where T : unmanaged =>
        typeof(T) == typeof(double) ? (CpuBuffer<T>)(object)CpuBuffer.Wrap(values, shape)
        : typeof(T) == typeof(float) ? (CpuBuffer<T>)(object)CpuBuffer.Wrap(values.Select(v => (float)v).ToArray(), shape)
        : throw new NotSupportedException($"{typeof(T).Name} results of this reduction are not supported; use float or double.");
}
