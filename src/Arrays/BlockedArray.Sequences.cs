using System.Numerics;
using Tessera.Kernels.Cpu;
using Tessera.Scheduling;

namespace Tessera.Arrays;

public static partial class BlockedArray
{
    /// <summary>
    /// An array of <paramref name="shape"/> whose values do not matter (NumPy's <c>empty</c>): here
    /// its blocks come out zero-filled, since a managed buffer is never uninitialised.
    /// </summary>
    public static BlockedArray<T> Empty<T>(long[] shape, ChunkSpec chunks = default) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        var grid = chunks.Resolve(shape, DTypes.Of<T>().Size());
        return FromBlocks<T>(TaskKeys.Name("empty", grid.ToString()), grid, "empty",
            (backend, _, blockShape) => OnDevice(backend, (CpuBuffer<T>)CpuBuffer.Allocate(DTypes.Of<T>(), blockShape)));
    }

    /// <summary>
    /// <paramref name="num"/> evenly spaced values from <paramref name="start"/> to
    /// <paramref name="stop"/> (included when <paramref name="endpoint"/>), bit for bit as
    /// <c>numpy.linspace</c>: computed in float64 as <c>i * step + start</c>, the last value set to
    /// <paramref name="stop"/> exactly, then converted to <typeparamref name="T"/> (integers are
    /// floored first, as NumPy does).
    /// </summary>
    public static BlockedArray<T> Linspace<T>(double start, double stop, long num, bool endpoint = true, ChunkSpec chunks = default)
        where T : unmanaged, INumber<T>
    {
        if (num < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(num), num, $"Number of samples, {num}, must be non-negative.");
        }
        var grid = chunks.Resolve([num], DTypes.Of<T>().Size());
        var div = endpoint ? num - 1 : num;
        var delta = stop - start;
        var step = div > 0 ? delta / div : double.NaN;
        var integer = !DTypes.Of<T>().IsFloatingPoint();
        return FromBlocks<T>(TaskKeys.Name("linspace", start, stop, num, endpoint, typeof(T).Name, grid.ToString()), grid, "linspace",
            (backend, index, blockShape) =>
            {
                var first = grid.BlockOffset(index)[0];
                var values = new T[blockShape[0]];
                for (var i = 0; i < values.Length; i++)
                {
                    var position = first + i;
                    // NumPy's branches: a zero step (stop == start, or underflow) scales i / div instead.
                    var y = div <= 0 ? (position * delta) + start
                        : step == 0 ? (position / (double)div * delta) + start
                        : (position * step) + start;
                    if (endpoint && num > 1 && position == num - 1)
                    {
                        y = stop;
                    }
                    values[i] = T.CreateChecked(integer ? Math.Floor(y) : y);
                }
                return OnDevice(backend, CpuBuffer.Wrap(values, blockShape));
            });
    }

    /// <summary>
    /// A 2-D array of <paramref name="n"/> rows and <paramref name="m"/> columns (n when null) with
    /// ones on diagonal <paramref name="k"/> (0: the main one, positive: above, negative: below)
    /// and zeros elsewhere, as <c>numpy.eye</c>.
    /// </summary>
    public static BlockedArray<T> Eye<T>(long n, long? m = null, long k = 0, ChunkSpec chunks = default)
        where T : unmanaged, INumber<T>
    {
        var columns = m ?? n;
        if (n < 0 || columns < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), $"Eye needs non-negative sizes; got n = {n}, m = {columns}.");
        }
        var grid = chunks.Resolve([n, columns], DTypes.Of<T>().Size());
        return FromBlocks<T>(TaskKeys.Name("eye", n, columns, k, typeof(T).Name, grid.ToString()), grid, "eye",
            (backend, index, blockShape) =>
            {
                var offset = grid.BlockOffset(index);
                var block = (CpuBuffer<T>)CpuBuffer.Allocate(DTypes.Of<T>(), blockShape);
                var span = block.Span;
                for (var r = 0; r < blockShape[0]; r++)
                {
                    var c = offset[0] + r + k - offset[1]; // the diagonal's column in this block
                    if (c >= 0 && c < blockShape[1])
                    {
                        span[(r * blockShape[1]) + (int)c] = T.One;
                    }
                }
                return OnDevice(backend, block);
            });
    }
}
