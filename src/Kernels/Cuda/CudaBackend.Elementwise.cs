using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Gpu;

namespace Tessera.Kernels.Cuda;

internal sealed partial class CudaBackend
{
    // Blocks per SM for grid-stride kernels: enough resident warps to hide memory latency; beyond
    // this each thread simply loops over more elements.
    private const int BlocksPerMultiprocessor = 16;

    public void Elementwise(Expr expression, IReadOnlyList<IDeviceBuffer> inputs, IDeviceBuffer output)
    {
        BackendChecks.Elementwise(expression, inputs, output);
        var o = Own(output, nameof(output));
        var all = inputs.Select((b, i) => Own(b, $"inputs[{i}]")).ToArray();
        var count = ExprWalk.InputCount(expression);
        var layout = GpuLayout.Elementwise(o.Shape, all.Take(count).Select(b => b.Shape).ToArray());
        if (o.Length == 0)
        {
            return;
        }
        var module = Program(() => ElementwiseKernel.Generate(expression, Options), ElementwiseKernel.StructureOf(expression, Options));
        var table = LayoutTable(layout, out var ownedTable);
        var constants = ExprWalk.Constants(expression);
        var args = new List<ulong>(count + 3 + constants.Count) { KernelArgument.Pointer(o.Address) };
        for (var k = 0; k < count; k++)
        {
            args.Add(KernelArgument.Pointer(all[k].Address));
        }
        args.Add(KernelArgument.Int64(o.Length));
        args.Add(KernelArgument.Pointer(table.Address));
        args.AddRange(constants.Select(c => Constant(c.Value)));
        var group = (uint)Options.GroupSize;
        var blocks = (uint)Math.Min((o.Length + group - 1) / group, (long)Properties.MultiprocessorCount * BlocksPerMultiprocessor);
        Launch(module, ElementwiseKernel.EntryPoint, (blocks, 1, 1), (group, 1, 1), 0, [table, .. all.Take(count)], [o], args.ToArray());
        if (ownedTable)
        {
            Free(table);
        }
    }
}
