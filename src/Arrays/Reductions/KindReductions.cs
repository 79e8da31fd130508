using Tessera.Arrays.Lazy;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Kernels.Expressions;
using Tessera.Scheduling;

namespace Tessera.Arrays.Reductions;

/// <summary>
/// Reductions whose partials combine with the same kind (sum, prod, min, max): chunk step,
/// then a tree of combines. When the source is a fused elementwise layer its expression is
/// the kernel's prologue, so <c>sum(x*x)</c> reads x once and never materialises x*x.
/// </summary>
internal static class KindReductions
{
    public static ArrayNode Reduce(ReductionKind kind, ArrayNode source, ReductionAxes axes, int splitEvery)
    {
        var (prologue, operands) = Prologue(source);
        var dtype = ReductionTypes.ResultType(kind, source.DType);
        var label = kind.ToString().ToLowerInvariant();
        // After masking a block may hold nothing to take a min or max of: its partial is a marker.
        var mayBeEmpty = ReductionTypes.NeedsElements(kind) && axes.Axes.Any(d => !source.Grid.IsKnown(d));
        var combine = Combine(kind, dtype, axes);
        ArrayNode level = new MapManyNode(TaskKeys.Name(label + "-chunk", source.Name, axes.Axes),
            axes.PartialGrid(source.Grid, d => source.Grid.BlockCounts[d]), dtype, operands, source.Grid, label + "-chunk",
            (backend, blocks, _, shape, sourceShape) =>
            {
                if (mayBeEmpty && EmptyPartial.IsEmpty(sourceShape, axes))
                {
                    return EmptyPartial.Instance;
                }
                var output = backend.Allocate(dtype, shape);
                backend.Reduce(kind, prologue, blocks, axes.Axes, output);
                return output;
            }, consumesBlocks: true,
            mergeBands: axes.Contains(0) && !mayBeEmpty ? (backend, parts) => combine(backend, parts, GroupLayout.AlongFirstAxis(parts)) : null);

        var reduced = Tree(kind, level, axes, splitEvery);
        return mayBeEmpty ? EmptyPartial.Checked(reduced, kind) : reduced;
    }

    /// <summary>Combine levels over <paramref name="level"/>'s partials until each reduced axis has one block.</summary>
    public static ArrayNode Tree(ReductionKind kind, ArrayNode level, ReductionAxes axes, int splitEvery)
    {
        var label = kind.ToString().ToLowerInvariant();
        var fanIn = axes.FanIn(splitEvery);
        var combine = Combine(kind, level.DType, axes);
        while (axes.Axes.Any(a => level.Grid.BlockCounts[a] > 1))
        {
            level = new GroupNode(TaskKeys.Name(label + "-combine", level.Name, fanIn),
                axes.PartialGrid(level.Grid, d => (level.Grid.BlockCounts[d] + fanIn - 1) / fanIn), level, axes, fanIn, combine);
        }
        return level;
    }

    /// <summary>One partial from a group of partials laid out by <see cref="GroupLayout"/> (markers of empty blocks skipped).</summary>
    private static Func<IComputeBackend, object?[], GroupLayout, object> Combine(ReductionKind kind, DType dtype, ReductionAxes axes)
    {
        var input = Ex.Input(0, dtype);
        return (backend, members, layout) =>
        {
            if (EmptyPartial.WithoutMarkers(members) is not { } parts)
            {
                return EmptyPartial.Instance;
            }
            if (kind == ReductionKind.Sum)
            {
                // Every member already has the combined shape (length 1 on the reduced axes),
                // so a sum of partials is one fused elementwise add on the run's device:
                // no stacking copy, no host round trip.
                return AddAll(backend, parts, dtype);
            }
            var stacked = CpuBuffer.Allocate(dtype, layout.StackedShape);
            for (var i = 0; i < parts.Length; i++)
            {
                BlockCopy.Region((IDeviceBuffer)parts[i]!, layout.Placements[i], stacked, new long[layout.OutputShape.Length]);
            }
            var output = backend.Allocate(dtype, layout.OutputShape);
            backend.Reduce(kind, input, [Residency.ToBackend(backend, stacked)], axes.Axes, output);
            return output;
        };
    }

    private static IDeviceBuffer AddAll(IComputeBackend backend, object?[] parts, DType dtype)
    {
        var members = parts.Select(p => (IDeviceBuffer)p!).ToArray();
        if (members.Length == 1)
        {
            return members[0];
        }
        var sum = Enumerable.Range(1, members.Length - 1).Aggregate((Expr)Ex.Input(0, dtype), (e, i) => e + Ex.Input(i, dtype));
        var output = backend.Allocate(dtype, [.. members[0].Shape]);
        backend.Elementwise(sum, members, output);
        return output;
    }

    /// <summary>A fused layer's expression and inputs, or the identity over the layer itself.</summary>
    public static (Expr Prologue, ArrayNode[] Operands) Prologue(ArrayNode source) =>
        source is ElementwiseNode fused
            ? (fused.Expression, [.. fused.Operands])
            : (Ex.Input(0, source.DType), [source]);
}
