using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Gpu;

namespace Tessera.Kernels.OpenCL;

internal sealed partial class OpenClBackend
{
    // Enough work-items to fill any device; beyond this the kernel's grid-stride loop takes over.
    private const long MaxElementwiseItems = 1 << 20;

    public void Elementwise(Expr expression, IReadOnlyList<IDeviceBuffer> inputs, IDeviceBuffer output)
    {
        BackendChecks.Elementwise(expression, inputs, output);
        var o = OnDevice(output, nameof(output));
        var all = OnDevice(inputs);
        var count = ExprWalk.InputCount(expression);
        var layout = GpuLayout.Elementwise(o.Shape, all.Take(count).Select(b => b.Shape).ToArray());
        if (o.Length == 0)
        {
            return;
        }
        var program = Program(() => ElementwiseKernel.Generate(expression, Options), ElementwiseKernel.StructureOf(expression, Options));
        var constants = ExprWalk.Constants(expression);
        var table = Table(layout);
        nint done = 0;
        try
        {
            var kernel = program.Kernel(ElementwiseKernel.EntryPoint);
            var local = Options.GroupSize;
            var global = RoundUp(Math.Min(o.Length, MaxElementwiseItems), local);
            lock (program.Gate)
            {
                var args = new OpenClArguments(kernel);
                args.Buffer(o.Memory);
                for (var k = 0; k < count; k++)
                {
                    args.Buffer(all[k].Memory);
                }
                args.Long(o.Length);
                args.Buffer(table);
                foreach (var c in constants)
                {
                    args.Scalar(c.Value);
                }
                done = Launch(kernel, 1, [global], [local]);
            }
        }
        finally
        {
            ReleaseWhenDone(done, table);
        }
        GC.KeepAlive(o);
        KeepAlive(all);
    }
}
