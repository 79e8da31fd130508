using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Gpu;

namespace Tessera.Kernels.OpenCL;

internal sealed partial class OpenClBackend
{
    public void Reduce(ReductionKind kind, Expr prologue, IReadOnlyList<IDeviceBuffer> inputs,
        ReadOnlySpan<int> axes, IDeviceBuffer output, int ddof = 0)
    {
        var (shape, axisSet, outputs, reduced) = BackendChecks.Reduction(kind, prologue, inputs, axes, output, ddof);
        var o = OnDevice(output, nameof(output));
        var all = OnDevice(inputs);
        if (outputs == 0)
        {
            return;
        }
        (kind, prologue) = ReductionPlan.Normalize(kind, prologue);
        var count = ExprWalk.InputCount(prologue);
        var layout = GpuLayout.Reduction(shape, axisSet, all.Take(count).Select(b => b.Shape).ToArray());
        var innermostKept = Array.FindLastIndex(shape, d => d != 1) is var last && last >= 0 && !axisSet.Contains(last);
        var plan = ReductionPlan.Choose(outputs, reduced, innermostKept, Options.GroupSize, Math.Max(1, Info.ComputeUnits) * 8);
        var (k, p) = (kind, prologue);
        var program = Program(() => ReductionKernel.Generate(k, p, Options), ReductionKernel.StructureOf(kind, prologue, Options));
        var constants = ExprWalk.Constants(prologue);
        var table = Table(layout);
        var partials = plan.Splits > 1 ? Scratch(outputs * plan.Splits * program.Source.AccumulatorBytes) : 0;
        nint done = 0;
        try
        {
            var group = Options.GroupSize;
            var kernel = program.Kernel(ReductionKernel.EntryPoint);
            lock (program.Gate)
            {
                var mode = plan.UseRows ? ReductionKernel.RowsMode : ReductionKernel.GroupsMode;
                SetReductionArguments(kernel, o, partials, all, count, outputs, reduced, plan.Splits, ddof, mode, table, constants);
                var global = plan.UseRows ? RoundUp(Math.Min(outputs, MaxElementwiseItems), group) : outputs * plan.Splits * group;
                done = Launch(kernel, 1, [global], [group]);
                if (partials != 0)
                {
                    SetReductionArguments(kernel, o, partials, all, count, outputs, reduced, plan.Splits, ddof, ReductionKernel.FinalMode, table, constants);
                    ReleaseWhenDone(done);
                    done = Launch(kernel, 1, [outputs * group], [group]);
                }
            }
        }
        finally
        {
            ReleaseWhenDone(done, table, partials);
        }
        GC.KeepAlive(o);
        KeepAlive(all);
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

    private static void SetReductionArguments(nint kernel, OpenClBuffer output, nint partials, OpenClBuffer[] inputs, int count,
        long outputs, long reduced, long splits, int ddof, int mode, nint table, IReadOnlyList<Expressions.ConstantExpr> constants)
    {
        var args = new OpenClArguments(kernel);
        args.Buffer(output.Memory);
        args.Buffer(partials != 0 ? partials : output.Memory);
        for (var i = 0; i < count; i++)
        {
            args.Buffer(inputs[i].Memory);
        }
        args.Long(outputs);
        args.Long(reduced);
        args.Long(splits);
        args.Int(ddof);
        args.Int(mode);
        args.Buffer(table);
        foreach (var c in constants)
        {
            args.Scalar(c.Value);
        }
    }
}
