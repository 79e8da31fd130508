using System.Numerics;
using Tessera.Arrays.Lazy;
using Tessera.Arrays.LinearAlgebra;
using Tessera.Kernels.Cpu;

namespace Tessera.Arrays.Fft;

/// <summary>One transform of an n-D FFT: along <paramref name="Axis"/>, of length <paramref name="N"/>.</summary>
internal readonly record struct FftStep(int Axis, int N, FftKind Kind);

/// <summary>
/// The layer of an FFT: each block is transformed along the requested axes, which must be one
/// chunk each (dask.array.fft's rule), so every block holds whole lines and blocks are independent.
/// Complex values travel as a double array with a trailing axis of two (real, imaginary), which
/// is <see cref="Complex"/>'s memory layout; see <see cref="ComplexBlockedArray"/>.
/// </summary>
internal static class FftLayer
{
    public static ArrayNode Build(string operation, ArrayNode input, bool inputComplex, FftStep[] steps, FftNorm norm, bool outputReal)
    {
        var rank = inputComplex ? input.Grid.Rank - 1 : input.Grid.Rank;
        input.Grid.RequireKnown(operation);
        foreach (var step in steps)
        {
            if (input.Grid.BlockCounts[step.Axis] != 1)
            {
                throw new ArgumentException(
                    $"{operation} transforms whole axes, as dask.array.fft does: axis {step.Axis} must be one chunk, but it has chunks " +
                    $"({string.Join(", ", input.Grid.Chunks[step.Axis])}). Call x.Rechunk(new Dictionary<int, long> {{ [{step.Axis}] = -1 }}) first.");
            }
        }
        var chunks = input.Grid.Chunks.Take(rank).Select(c => (IReadOnlyList<long>)[.. c]).ToArray();
        foreach (var step in steps)
        {
            chunks[step.Axis] = [FftLine.OutputLength(step.Kind, step.N)];
        }
        var grid = new ChunkGrid([.. chunks, .. outputReal ? Array.Empty<IReadOnlyList<long>>() : [[2]]]);
        var name = HostBlocksNode.LayerName(operation.ToLowerInvariant(), [input],
            string.Join(";", steps.Select(s => $"{s.Axis}:{s.N}:{s.Kind}")), norm, inputComplex, outputReal);
        return new HostBlocksNode(name, grid, DType.Float64, [input], operation.ToLowerInvariant(),
            index => [(0, inputComplex ? [.. index.Take(rank), 0] : [.. index.Take(rank)])],
            (blocks, _, outputShape) =>
            {
                var block = blocks[0];
                var shape = block.Shape.Take(rank).ToArray();
                var data = ToComplex(block, inputComplex);
                foreach (var step in steps)
                {
                    data = FftLine.Apply(data, shape, step.Axis, step.N, step.Kind, norm, out shape);
                }
                return outputReal
                    ? CpuBuffer.Wrap([.. data.Select(c => c.Real)], outputShape)
                    : CpuBuffer.Wrap(Interleave(data), outputShape);
            });
    }

    private static Complex[] ToComplex(CpuBuffer block, bool complex)
    {
        if (complex)
        {
            var pairs = ((CpuBuffer<double>)block).Span;
            var values = new Complex[pairs.Length / 2];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = new Complex(pairs[2 * i], pairs[(2 * i) + 1]);
            }
            return values;
        }
        return block switch
        {
            CpuBuffer<double> d => [.. d.Span.ToArray().Select(v => new Complex(v, 0))],
            CpuBuffer<float> f => [.. f.Span.ToArray().Select(v => new Complex(v, 0))],
            CpuBuffer<int> i => [.. i.Span.ToArray().Select(v => new Complex(v, 0))],
            CpuBuffer<long> l => [.. l.Span.ToArray().Select(v => new Complex(v, 0))],
            _ => throw new NotSupportedException($"An FFT takes float, double, int or long values, not {block.DType}."),
        };
    }

    private static double[] Interleave(Complex[] data)
    {
        var values = new double[data.Length * 2];
        for (var i = 0; i < data.Length; i++)
        {
            values[2 * i] = data[i].Real;
            values[(2 * i) + 1] = data[i].Imaginary;
        }
        return values;
    }
}
