using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Gpu;
using static Tessera.Kernels.OpenCL.Native.OpenClNative;

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
        var partials = plan.Splits > 1 ? Allocate(DType.Bool, [checked((int)(outputs * plan.Splits * program.Source.AccumulatorBytes))]) : null;
        try
        {
            var group = Options.GroupSize;
            var main = program.Kernel(plan.UseRows ? ReductionKernel.Rows : ReductionKernel.Groups);
            lock (program.Gate)
            {
                var args = new OpenClArguments(main);
                args.Buffer(o.Memory);
                args.Buffer(((OpenClBuffer?)partials ?? o).Memory);
                for (var i = 0; i < count; i++)
                {
                    args.Buffer(all[i].Memory);
                }
                args.Long(outputs);
                args.Long(reduced);
                args.Long(plan.Splits);
                args.Int(ddof);
                args.Buffer(table);
                foreach (var c in constants)
                {
                    args.Scalar(c.Value);
                }
                var global = plan.UseRows ? RoundUp(Math.Min(outputs, MaxElementwiseItems), group) : outputs * plan.Splits * group;
                Launch(main, 1, [global], [group]);
                if (partials is OpenClBuffer scratch)
                {
                    var final = program.Kernel(ReductionKernel.Final);
                    var fa = new OpenClArguments(final);
                    fa.Buffer(o.Memory);
                    fa.Buffer(scratch.Memory);
                    fa.Long(outputs);
                    fa.Long(plan.Splits);
                    fa.Int(ddof);
                    Launch(final, 1, [outputs * group], [group]);
                }
            }
        }
        finally
        {
            _ = clReleaseMemObject(table);
            partials?.Dispose();
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
}
