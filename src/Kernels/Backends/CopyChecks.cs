using Tessera.Kernels.Cpu;

namespace Tessera.Kernels.Backends;

/// <summary>
/// Argument checks of the block copies, shared by every backend so a bad call fails the same way
/// (and before anything is read out of bounds) whichever device it targets.
/// </summary>
internal static class CopyChecks
{
    public static void Region(IDeviceBuffer source, ReadOnlySpan<int> sourceStart, IDeviceBuffer destination,
        ReadOnlySpan<int> destinationStart, ReadOnlySpan<int> extent)
    {
        Pair(source, destination);
        var rank = extent.Length;
        if (source.Shape.Count != rank || destination.Shape.Count != rank || sourceStart.Length != rank || destinationStart.Length != rank)
        {
            throw new ArgumentException(
                $"CopyRegion needs one start and extent per axis of both blocks: source {Shapes.Format(source.Shape)}, " +
                $"destination {Shapes.Format(destination.Shape)}, {sourceStart.Length} source start(s), " +
                $"{destinationStart.Length} destination start(s), {rank} extent(s).");
        }
        for (var d = 0; d < rank; d++)
        {
            if (extent[d] < 0 || !Inside(sourceStart[d], extent[d], source.Shape[d]) || !Inside(destinationStart[d], extent[d], destination.Shape[d]))
            {
                throw new ArgumentOutOfRangeException(nameof(extent),
                    $"Axis {d}: {extent[d]} element(s) from {sourceStart[d]} in the source (length {source.Shape[d]}) to " +
                    $"{destinationStart[d]} in the destination (length {destination.Shape[d]}) do not fit. " +
                    "Starts are non-negative and start + extent is at most the axis length.");
            }
        }
    }

    public static void Permute(IDeviceBuffer source, IDeviceBuffer destination, ReadOnlySpan<int> axes)
    {
        Pair(source, destination);
        var rank = source.Shape.Count;
        var seen = new bool[rank];
        foreach (var axis in axes)
        {
            if (axis < 0 || axis >= rank || seen[axis])
            {
                throw new ArgumentException(
                    $"[{string.Join(", ", axes.ToArray())}] is not a permutation of the {rank} axes of {Shapes.Format(source.Shape)}; list each of 0..{rank - 1} once.",
                    nameof(axes));
            }
            seen[axis] = true;
        }
        if (axes.Length != rank)
        {
            throw new ArgumentException($"{axes.Length} axes given for a block of rank {rank}; list each axis once.", nameof(axes));
        }
        var expected = new int[rank];
        for (var d = 0; d < rank; d++)
        {
            expected[d] = source.Shape[axes[d]];
        }
        if (!destination.Shape.SequenceEqual(expected))
        {
            throw new ArgumentException(
                $"Permuting {Shapes.Format(source.Shape)} by [{string.Join(", ", axes.ToArray())}] gives {Shapes.Format(expected)}, " +
                $"but the destination is {Shapes.Format(destination.Shape)}. Allocate the destination with the permuted shape.", nameof(destination));
        }
    }

    public static void Gather(IDeviceBuffer source, IReadOnlyList<AxisPositions> picks, IDeviceBuffer destination, IReadOnlyList<AxisPositions> places)
    {
        Pair(source, destination);
        ArgumentNullException.ThrowIfNull(picks);
        ArgumentNullException.ThrowIfNull(places);
        var rank = picks.Count;
        if (places.Count != rank || source.Shape.Count != rank || destination.Shape.Count != rank)
        {
            throw new ArgumentException(
                $"Gather needs one list of picks and places per axis of both blocks: source {Shapes.Format(source.Shape)}, " +
                $"destination {Shapes.Format(destination.Shape)}, {picks.Count} pick list(s), {places.Count} place list(s). " +
                "Reshape the blocks to the working rank first.");
        }
        for (var d = 0; d < rank; d++)
        {
            if (picks[d].Count != places[d].Count)
            {
                throw new ArgumentException($"Axis {d}: {picks[d].Count} pick(s) but {places[d].Count} place(s); give one place per pick.", nameof(places));
            }
            Positions(picks[d], source.Shape[d], d, "source", nameof(picks));
            Positions(places[d], destination.Shape[d], d, "destination", nameof(places));
        }
    }

    public static void Reshape(IDeviceBuffer source, ReadOnlySpan<int> shape)
    {
        ArgumentNullException.ThrowIfNull(source);
        var dims = Shapes.Check(shape.ToArray());
        if (Shapes.Length(dims) != source.Length)
        {
            throw new ArgumentException(
                $"Cannot reshape {Shapes.Format(source.Shape)} ({source.Length} elements) to {Shapes.Format(dims)} ({Shapes.Length(dims)} elements); the lengths must agree.",
                nameof(shape));
        }
    }

    private static void Pair(IDeviceBuffer source, IDeviceBuffer destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (source.DType != destination.DType)
        {
            throw new ArgumentException(
                $"The source holds {source.DType} and the destination {destination.DType}; copies keep the element type. Cast first.", nameof(destination));
        }
    }

    private static bool Inside(int start, int count, int length) => start >= 0 && (long)start + count <= length;

    private static void Positions(AxisPositions positions, int length, int axis, string block, string name)
    {
        if (positions.Count == 0)
        {
            return;
        }
        if (positions.Explicit is { } list)
        {
            foreach (var p in list)
            {
                if (p < 0 || p >= length)
                {
                    throw new ArgumentOutOfRangeException(name, $"Axis {axis}: position {p} is outside the {block}'s length {length}.");
                }
            }
            return;
        }
        var last = positions.Start + ((long)(positions.Count - 1) * positions.Step);
        if (positions.Start < 0 || positions.Start >= length || last < 0 || last >= length)
        {
            throw new ArgumentOutOfRangeException(name,
                $"Axis {axis}: positions {positions.Start}, step {positions.Step}, {positions.Count} of them, leave the {block}'s length {length}.");
        }
    }
}
