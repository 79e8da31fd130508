using System.Numerics.Tensors;
using Tessera.Arrays;
using Tessera.ML.Internal;

namespace Tessera.ML.Wrappers;

/// <summary>
/// dask-ml's <c>ParallelPostFit</c>: a model trained elsewhere (on a sample, in memory, by any
/// library) applied to a blocked array block by block, in parallel, lazily. The model is a
/// function from a block of rows (rows × features) to its outputs.
/// </summary>
/// <typeparam name="T">The element type of inputs and outputs.</typeparam>
/// <param name="model">Maps a block of rows to a tensor with one row per input row.</param>
public sealed class ParallelPostFit<T>(Func<Tensor<T>, Tensor<T>> model) where T : unmanaged
{
    private readonly Func<Tensor<T>, Tensor<T>> _model = model ?? throw new ArgumentNullException(nameof(model));

    /// <summary>One value per row (a label, a regression value): the model must return rows values (or rows × 1).</summary>
    public BlockedArray<T> Predict(BlockedArray<T> x)
    {
        x = Design.Matrix(x, nameof(ParallelPostFit<T>));
        return Apply(x, 1).Reshape(x.Shape[0]);
    }

    /// <summary><paramref name="outputs"/> values per row (probabilities, embeddings): the model must return rows × outputs.</summary>
    public BlockedArray<T> Transform(BlockedArray<T> x, int outputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        x = Design.Matrix(x, nameof(ParallelPostFit<T>));
        return Apply(x, outputs);
    }

    private BlockedArray<T> Apply(BlockedArray<T> x, int outputs) =>
        x.MapBlocks(block =>
        {
            var rows = block.Lengths[0];
            var result = _model(block) ?? throw new InvalidOperationException("The model returned null for a block; return one row per input row.");
            if (result.FlattenedLength != rows * outputs)
            {
                throw new InvalidOperationException(
                    $"The model returned shape ({string.Join(", ", result.Lengths.ToArray())}) for a block of {rows} rows; " +
                    $"expected {rows} × {outputs}. Return one row of {outputs} value(s) per input row.");
            }
            var values = new T[result.FlattenedLength];
            result.FlattenTo(values);
            return Tensor.Create(values, [rows, outputs]);
        }, new ChunkGrid([x.Chunks.Chunks[0], [(long)outputs]]));
}
