using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Gpu;

namespace Tessera.Kernels.Cuda;

internal sealed partial class CudaBackend
{
    // Groups per SM the reduction plan aims for when it splits long reductions.
    private const int ReductionGroupsPerMultiprocessor = 8;

    public void Reduce(ReductionKind kind, Expr prologue, IReadOnlyList<IDeviceBuffer> inputs,
        ReadOnlySpan<int> axes, IDeviceBuffer output, int ddof = 0)
    {
        var (shape, axisSet, outputs, reduced) = BackendChecks.Reduction(kind, prologue, inputs, axes, output, ddof);
        var o = Own(output, nameof(output));
        var all = inputs.Select((b, i) => Own(b, $"inputs[{i}]")).ToArray();
        if (outputs == 0)
        {
            return;
        }
        (kind, prologue) = ReductionPlan.Normalize(kind, prologue);
        var count = ExprWalk.InputCount(prologue);
        var layout = GpuLayout.Reduction(shape, axisSet, all.Take(count).Select(b => b.Shape).ToArray());
        var innermostKept = Array.FindLastIndex(shape, d => d != 1) is var last && last >= 0 && !axisSet.Contains(last);
        var group = Options.GroupSize;
        var plan = ReductionPlan.Choose(outputs, reduced, innermostKept, group, Math.Max(1, Properties.MultiprocessorCount) * ReductionGroupsPerMultiprocessor);
        var (k, p) = (kind, prologue);
        var module = Program(() => ReductionKernel.Generate(k, p, Options), ReductionKernel.StructureOf(kind, prologue, Options));
        var accumulatorBytes = module.Source!.AccumulatorBytes;
        var table = LayoutTable(layout, out var ownedTable);
        var partials = plan.Splits > 1 ? (CudaBuffer)Allocate(DType.Bool, [checked((int)(outputs * plan.Splits * accumulatorBytes))]) : null;
        try
        {
            var constants = ExprWalk.Constants(prologue);
            ulong[] Arguments(int mode)
            {
                var args = new List<ulong>(count + 8 + constants.Count) { KernelArgument.Pointer(o.Address), KernelArgument.Pointer((partials ?? o).Address) };
                for (var i = 0; i < count; i++)
                {
                    args.Add(KernelArgument.Pointer(all[i].Address));
                }
                args.AddRange([KernelArgument.Int64(outputs), KernelArgument.Int64(reduced), KernelArgument.Int64(plan.Splits),
                    KernelArgument.Int32(ddof), KernelArgument.Int32(mode), KernelArgument.Pointer(table.Address)]);
                args.AddRange(constants.Select(c => Constant(c.Value)));
                return [.. args];
            }
            IDeviceBuffer[] reads = [table, .. all.Take(count)];
            var blocks = plan.UseRows
                ? Math.Min((outputs + group - 1) / group, (long)Properties.MultiprocessorCount * BlocksPerMultiprocessor)
                : outputs * plan.Splits;
            var first = plan.UseRows ? ReductionKernel.RowsMode : ReductionKernel.GroupsMode;
            // With splits the first pass writes every partial and the final pass every output; without, the first pass writes the outputs.
            Launch(module, ReductionKernel.EntryPoint, (GridSize(blocks), 1, 1), ((uint)group, 1, 1), 0, reads,
                partials is null ? [o] : [partials], Arguments(first));
            if (partials is not null)
            {
                // Same stream: the final pass starts after every partial is written.
                Launch(module, ReductionKernel.EntryPoint, (GridSize(outputs), 1, 1), ((uint)group, 1, 1), 0, [partials, .. reads], [o],
                    Arguments(ReductionKernel.FinalMode));
            }
        }
        finally
        {
            if (partials is not null)
            {
                Free(partials);
            }
            if (ownedTable)
            {
                Free(table);
            }
        }
        if (kind is ReductionKind.NanArgMin or ReductionKind.NanArgMax)
        {
            // The kernel marks an all-NaN slice with -1; only the host can turn that into an error.
            var indexes = new long[o.Length];
            CopyToHost<long>(o, indexes);
            if (Array.IndexOf(indexes, -1L) >= 0)
            {
                throw BackendChecks.AllNaNSlice();
            }
        }
    }

    private static uint GridSize(long blocks) => blocks <= int.MaxValue
        ? (uint)blocks
        : throw new NotSupportedException(
            $"This reduction needs {blocks} thread blocks, more than a CUDA grid holds ({int.MaxValue}). Use smaller chunks.");
}
