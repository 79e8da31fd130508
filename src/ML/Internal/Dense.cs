using System.Numerics;
using System.Numerics.Tensors;

namespace Tessera.ML.Internal;

/// <summary>Row-major views of the host tensors a <c>MapBlocks</c> function receives.</summary>
internal static class Dense
{
    /// <summary>The tensor's values as one row-major span, without a copy when it is dense.</summary>
    public static ReadOnlySpan<T> Values<T>(Tensor<T> tensor)
    {
        if (tensor.FlattenedLength == 0)
        {
            return [];
        }
        if (tensor.IsDense)
        {
            // Dense means the values are contiguous from the first element, in row-major order.
            return System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(
                ref tensor.GetPinnableReference(), checked((int)tensor.FlattenedLength));
        }
        var copy = new T[tensor.FlattenedLength];
        tensor.FlattenTo(copy);
        return copy;
    }

    /// <summary>Rows and columns of a 2-D block (a 1-D block is one column).</summary>
    public static (int Rows, int Cols) Shape<T>(Tensor<T> tensor) =>
        tensor.Rank == 1 ? ((int)tensor.Lengths[0], 1) : ((int)tensor.Lengths[0], (int)tensor.Lengths[1]);

    /// <summary>Converts to double, the type every partial sum and model parameter is kept in.</summary>
    public static double[] ToDouble<T>(ReadOnlySpan<T> values) where T : unmanaged, INumberBase<T>
    {
        var result = new double[values.Length];
        if (typeof(T) == typeof(double))
        {
            System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(values).CopyTo(result);
            return result;
        }
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = double.CreateTruncating(values[i]);
        }
        return result;
    }

    /// <summary>Converts parameters kept in double back to the array's element type.</summary>
    public static T[] FromDouble<T>(ReadOnlySpan<double> values) where T : unmanaged, INumberBase<T>
    {
        var result = new T[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = T.CreateTruncating(values[i]);
        }
        return result;
    }

    /// <summary>The block's values as doubles: the block itself for double, a converted copy otherwise.</summary>
    public static ReadOnlySpan<double> AsDouble<T>(Tensor<T> tensor) where T : unmanaged, INumberBase<T>
    {
        var values = Values(tensor);
        return typeof(T) == typeof(double)
            ? System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(values)
            : ToDouble(values);
    }
}
