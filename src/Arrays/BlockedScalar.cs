namespace Tessera.Arrays;

/// <summary>
/// A lazy single value, such as the sum of a whole array: <c>double s = x.Sum().Compute();</c>.
/// </summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed class BlockedScalar<T> where T : unmanaged
{
    internal BlockedScalar(BlockedArray<T> array)
    {
        if (array.Rank != 0)
        {
            throw new ArgumentException($"A scalar is a 0-dimensional array; this one has shape {Lazy.BlockShapes.Text(array.Shape)}.");
        }
        Array = array;
    }

    /// <summary>The value as a 0-dimensional array (to combine with other arrays).</summary>
    public BlockedArray<T> Array { get; }

    /// <summary>Computes the value.</summary>
    public T Compute(ComputeOptions? options = null) => Array.ComputeValues(options)[0];

    /// <inheritdoc />
    public override string ToString() => $"BlockedScalar<{typeof(T).Name}>({Array.Name})";
}
