using Tessera.DataFrames.Lazy;
using Tessera.Scheduling;

namespace Tessera.DataFrames;

/// <summary>
/// A lazy single value computed from a frame, such as a column's sum:
/// <c>double total = df["amount"].Sum().Compute();</c>.
/// </summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed class DataScalar<T>
{
    private readonly TreeReduction _reduction;

    internal DataScalar(TreeReduction reduction) => _reduction = reduction;

    /// <summary>Computes the value on the scheduler (executor, device and memory limit from <paramref name="options"/>).</summary>
    public T Compute(ComputeOptions? options = null)
    {
        var context = FrameLowering.For(options);
        var key = _reduction.Lower(context);
        return (T)GraphRunner.Run(context.Graph, [key], options)[0]!;
    }

    /// <summary>The task graph computing the value.</summary>
    public TaskGraph Graph(ComputeOptions? options = null)
    {
        var context = FrameLowering.For(options);
        _reduction.Lower(context);
        return context.Graph;
    }

    /// <inheritdoc />
    public override string ToString() => $"DataScalar<{typeof(T).Name}>({_reduction.Name}, npartitions={_reduction.Source.Partitions})";
}
