using MathNet.Numerics.LinearAlgebra;
using Tessera.Kernels.Cpu;

namespace Tessera.Arrays.LinearAlgebra;

/// <summary>
/// Moves blocks between Tessera's row-major host buffers and Math.NET's dense matrices, where the
/// small per-block factorizations run. float blocks are factorized in double and rounded back:
/// the blocks are small, and it keeps one tested code path.
/// </summary>
internal static class DenseBlock
{
    /// <summary>The block's elements as doubles, row-major.</summary>
    public static double[] ToDoubles(CpuBuffer block) => block switch
    {
        CpuBuffer<double> d => d.Span.ToArray(),
        CpuBuffer<float> f => [.. f.Span.ToArray().Select(v => (double)v)],
        _ => throw new NotSupportedException($"Linear algebra blocks are float or double; this one holds {block.DType}."),
    };

    /// <summary>A 2-D block as a matrix.</summary>
    public static Matrix<double> ToMatrix(CpuBuffer block)
    {
        var values = ToDoubles(block);
        var rows = block.Shape[0];
        var cols = block.Shape.Count > 1 ? block.Shape[1] : 1;
        return Matrix<double>.Build.Dense(rows, cols, (i, j) => values[(i * cols) + j]);
    }

    /// <summary>Rows [<paramref name="row"/>, row + rows) and columns [0, cols) of a 2-D block, as a matrix.</summary>
    public static Matrix<double> ToMatrix(CpuBuffer block, int row, int rows, int cols)
    {
        var values = ToDoubles(block);
        var width = block.Shape[1];
        return Matrix<double>.Build.Dense(rows, cols, (i, j) => values[((row + i) * width) + j]);
    }

    /// <summary>A buffer of <paramref name="dtype"/> and <paramref name="shape"/> holding <paramref name="values"/> (row-major doubles).</summary>
    public static CpuBuffer FromDoubles(double[] values, DType dtype, int[] shape) => dtype switch
    {
        DType.Float64 => CpuBuffer.Wrap(values, shape),
        DType.Float32 => CpuBuffer.Wrap([.. values.Select(v => (float)v)], shape),
        _ => throw new NotSupportedException($"Linear algebra results are float or double, not {dtype}."),
    };

    /// <summary>A matrix as a row-major block of <paramref name="dtype"/> (a 1-D block when <paramref name="shape"/> has one axis).</summary>
    public static CpuBuffer FromMatrix(Matrix<double> matrix, DType dtype, int[] shape)
    {
        var values = new double[matrix.RowCount * matrix.ColumnCount];
        for (var i = 0; i < matrix.RowCount; i++)
        {
            for (var j = 0; j < matrix.ColumnCount; j++)
            {
                values[(i * matrix.ColumnCount) + j] = matrix[i, j];
            }
        }
        return FromDoubles(values, dtype, shape);
    }

    /// <summary>
    /// <paramref name="top"/> above <paramref name="bottom"/> in one block of <paramref name="width"/>
    /// columns, each zero-padded on the right: one task's two results (a Q and an R) in one buffer.
    /// </summary>
    public static CpuBuffer Pack(Matrix<double> top, Matrix<double> bottom, int width, DType dtype)
    {
        var rows = top.RowCount + bottom.RowCount;
        var values = new double[rows * width];
        Write(top, values, 0, width);
        Write(bottom, values, top.RowCount, width);
        return FromDoubles(values, dtype, [rows, width]);
    }

    private static void Write(Matrix<double> matrix, double[] values, int row, int width)
    {
        for (var i = 0; i < matrix.RowCount; i++)
        {
            for (var j = 0; j < matrix.ColumnCount; j++)
            {
                values[((row + i) * width) + j] = matrix[i, j];
            }
        }
    }

    /// <summary><paramref name="value"/> as a float or double element.</summary>
    public static T Scalar<T>(double value) => typeof(T) == typeof(float) ? (T)(object)(float)value : (T)(object)value;

    /// <summary>Throws unless <typeparamref name="T"/> is float or double, naming the operation.</summary>
    public static void RequireFloat<T>(string operation)
    {
        if (typeof(T) != typeof(double) && typeof(T) != typeof(float))
        {
            throw new NotSupportedException(
                $"{operation} works on float or double arrays; this one holds {typeof(T).Name}. Convert it first with Astype<double>().");
        }
    }
}
