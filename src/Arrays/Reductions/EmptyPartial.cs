using Tessera.Arrays.Lazy;
using Tessera.Kernels.Backends;
using Tessera.Scheduling;

namespace Tessera.Arrays.Reductions;

/// <summary>
/// The partial of min/max over a block that holds no elements, which only arrays with unknown
/// sizes have (a mask may keep nothing of a block). As dask's chunk functions return an empty
/// partial there, combines skip it: min and max are idempotent, so a group member that is this
/// marker is replaced by another member of its group. A result that is still the marker after
/// the last combine reduced zero elements, which NumPy reports as an error.
/// </summary>
internal sealed class EmptyPartial : IHasByteSize
{
    public static readonly EmptyPartial Instance = new();

    private EmptyPartial()
    {
    }

    public long ByteSize => 0;

    /// <summary>True when a block of <paramref name="shape"/> has no element along the reduced axes.</summary>
    public static bool IsEmpty(int[] shape, ReductionAxes axes) => axes.Axes.Any(d => shape[d] == 0);

    /// <summary>The members of a combine group with markers replaced by a real member, or null when every member is a marker.</summary>
    public static object?[]? WithoutMarkers(object?[] parts)
    {
        var real = Array.Find(parts, p => p is not EmptyPartial);
        return real is null ? null : [.. parts.Select(p => p is EmptyPartial ? real : p)];
    }

    /// <summary>A layer passing <paramref name="reduced"/>'s blocks on, failing as NumPy does where a block reduced zero elements.</summary>
    public static ArrayNode Checked(ArrayNode reduced, ReductionKind kind) => new CheckNode(reduced, kind);

    private sealed class CheckNode(ArrayNode source, ReductionKind kind)
        : ArrayNode(TaskKeys.Name("nonempty", source.Name), source.Grid, source.DType)
    {
        public override IReadOnlyList<ArrayNode> Inputs => [source];

        public override void Lower(LoweringContext context)
        {
            foreach (var index in Grid.BlockIndices())
            {
                context.Graph.Add(BlockKey(index), "nonempty", args => args[0] is EmptyPartial
                    ? throw new ArgumentException(
                        $"{kind} of an empty selection has no value: the mask kept no element to reduce (NumPy raises " +
                        "'zero-size array to reduction operation' here). Check that the mask selects something, or use Sum.")
                    : args[0]!, TaskArg.Ref(source.BlockKey(index)));
            }
        }
    }
}
