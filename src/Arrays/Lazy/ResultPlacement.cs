using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;

namespace Tessera.Arrays.Lazy;

/// <summary>
/// Lets the final layer of a host computation write its blocks straight into the result array
/// instead of into fresh block buffers that are then copied: for a 1e8-element result that saves
/// a second pass over 800 MB and the page faults of ten fresh 80 MB blocks.
/// </summary>
/// <remarks>
/// Only blocks that occupy one contiguous run of the row-major result qualify (every axis after
/// the first partial one is whole, every axis before it has extent 1); others are computed into
/// their own buffers and copied as before. Nodes opt in by asking <see cref="ViewFor"/>; a node
/// that does not ask is simply copied.
/// </remarks>
internal sealed class ResultPlacement
{
    private readonly string _rootName;
    private readonly Func<long, int[], IDeviceBuffer> _view;
    private readonly long[] _shape;

    private ResultPlacement(string rootName, long[] shape, Func<long, int[], IDeviceBuffer> view)
    {
        _rootName = rootName;
        _shape = shape;
        _view = view;
    }

    /// <summary>Placement of <paramref name="root"/>'s blocks into <paramref name="values"/> (row-major, the root's shape).</summary>
    public static ResultPlacement Into<T>(ArrayNode root, T[] values) where T : unmanaged =>
        new(root.Name, [.. root.Grid.Shape], (offset, shape) => CpuBuffer.Wrap(values, checked((int)offset), shape));

    /// <summary>
    /// A view of the result where block <paramref name="index"/> of <paramref name="node"/> belongs,
    /// or null when <paramref name="node"/> is not the root or the block is not contiguous there.
    /// </summary>
    public IDeviceBuffer? ViewFor(ArrayNode node, int[] index) =>
        OffsetFor(node, index) is { } offset ? _view(offset, BlockShapes.ToInt(node.Grid.BlockShape(index))) : null;

    /// <summary>Where block <paramref name="index"/> starts in the row-major result, when it is placed there at all.</summary>
    public long? OffsetFor(ArrayNode node, int[] index)
    {
        if (!string.Equals(node.Name, _rootName, StringComparison.Ordinal))
        {
            return null;
        }
        return IsContiguous(node.Grid.BlockShape(index)) ? RowMajorOffset(node.Grid.BlockOffset(index)) : null;
    }

    /// <summary>Whether <paramref name="block"/> was written in place (it is one of this placement's views).</summary>
    public static bool IsView<T>(IDeviceBuffer block, T[] values) =>
        block is CpuBuffer<T> host && ReferenceEquals(host.Array, values);

    private bool IsContiguous(long[] extent)
    {
        var d = extent.Length - 1;
        while (d >= 0 && extent[d] == _shape[d])
        {
            d--;
        }
        // Axis d is the first partial one from the right; everything before it must be a single row.
        for (var k = 0; k < d; k++)
        {
            if (extent[k] != 1)
            {
                return false;
            }
        }
        return true;
    }

    private long RowMajorOffset(long[] origin)
    {
        long offset = 0;
        for (var d = 0; d < origin.Length; d++)
        {
            offset = (offset * _shape[d]) + origin[d];
        }
        return offset;
    }
}
