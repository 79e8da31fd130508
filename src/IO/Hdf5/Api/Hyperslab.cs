namespace Tessera.IO.Hdf5;

/// <summary>
/// A regular selection: on each axis, <see cref="Count"/> elements starting at
/// <see cref="Start"/>, <see cref="Step"/> apart (h5py's <c>dset[start:stop:step]</c>).
/// </summary>
public sealed class Hyperslab
{
    /// <summary>Creates a selection; <paramref name="step"/> defaults to 1 on every axis.</summary>
    /// <param name="start">First index per axis.</param>
    /// <param name="count">Number of selected elements per axis.</param>
    /// <param name="step">Distance between selected elements per axis (at least 1).</param>
    public Hyperslab(long[] start, long[] count, long[]? step = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(count);
        step ??= Enumerable.Repeat(1L, start.Length).ToArray();
        if (count.Length != start.Length || step.Length != start.Length)
        {
            throw new ArgumentException(
                $"start has {start.Length} axes, count {count.Length} and step {step.Length}; pass one value per axis to each.");
        }
        for (int i = 0; i < start.Length; i++)
        {
            if (start[i] < 0 || count[i] < 0 || step[i] < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(start),
                    $"Axis {i}: start {start[i]}, count {count[i]}, step {step[i]}; start and count must be >= 0 and step >= 1.");
            }
        }
        Start = (long[])start.Clone();
        Count = (long[])count.Clone();
        Step = (long[])step.Clone();
    }

    /// <summary>First selected index per axis.</summary>
    public IReadOnlyList<long> Start { get; }

    /// <summary>Number of selected elements per axis (the shape of the result).</summary>
    public IReadOnlyList<long> Count { get; }

    /// <summary>Distance between selected elements per axis.</summary>
    public IReadOnlyList<long> Step { get; }

    /// <summary>Selects everything of an array of <paramref name="shape"/>.</summary>
    /// <param name="shape">The array's shape.</param>
    public static Hyperslab All(IReadOnlyList<long> shape) => new(new long[shape.Count], shape.ToArray());

    internal void CheckWithin(long[] shape)
    {
        if (Start.Count != shape.Length)
        {
            throw new ArgumentException(
                $"The hyperslab has {Start.Count} axes; the dataset has {shape.Length} (shape [{string.Join(", ", shape)}]). Pass one start/count/step per axis.");
        }
        for (int i = 0; i < shape.Length; i++)
        {
            if (Count[i] > 0 && Start[i] + (Count[i] - 1) * Step[i] >= shape[i])
            {
                throw new ArgumentOutOfRangeException(nameof(Count),
                    $"Axis {i}: start {Start[i]} + (count {Count[i]} - 1) * step {Step[i]} reaches past the axis length {shape[i]}.");
            }
        }
    }
}
