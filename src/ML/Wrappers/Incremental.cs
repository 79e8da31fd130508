using System.Numerics.Tensors;
using Tessera.Arrays;
using Tessera.ML.Internal;

namespace Tessera.ML.Wrappers;

/// <summary>A model that learns from one batch of rows at a time (scikit-learn's <c>partial_fit</c>).</summary>
/// <typeparam name="T">The element type.</typeparam>
public interface IIncrementalModel<T> where T : unmanaged
{
    /// <summary>Updates the model with one batch: rows × features and one target per row.</summary>
    void PartialFit(Tensor<T> x, Tensor<T> y);
}

/// <summary>
/// dask-ml's <c>Incremental</c>: feeds the row blocks of a blocked array, in order, to a model
/// that trains incrementally. One block is computed at a time, so memory holds one block
/// whatever the array's size.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="model">The model to train.</param>
public sealed class Incremental<T>(IIncrementalModel<T> model) where T : unmanaged
{
    /// <summary>The wrapped model.</summary>
    public IIncrementalModel<T> Model { get; } = model ?? throw new ArgumentNullException(nameof(model));

    /// <summary>Passes over the data (default 1).</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Feeds every row block of <paramref name="x"/> and <paramref name="y"/> to the model, in order, <see cref="Epochs"/> times.</summary>
    public Incremental<T> Fit(BlockedArray<T> x, BlockedArray<T> y, ComputeOptions? options = null)
    {
        x = Design.Matrix(x, nameof(Incremental<T>));
        var column = Design.Target(x, y, nameof(Incremental<T>)).Reshape(x.Shape[0]);
        var bounds = x.Chunks.Boundaries(0);
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            for (var b = 0; b + 1 < bounds.Count; b++)
            {
                Model.PartialFit(x.Slice(0, bounds[b], bounds[b + 1]).Compute(options),
                    column.Slice(0, bounds[b], bounds[b + 1]).Compute(options));
            }
        }
        return this;
    }
}
