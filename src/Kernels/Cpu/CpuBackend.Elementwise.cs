using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu.Fused;
using Tessera.Kernels.Cpu.Fused.Compiled;
using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Cpu;

internal sealed partial class CpuBackend
{
    public void Elementwise(Expr expression, IReadOnlyList<IDeviceBuffer> inputs, IDeviceBuffer output)
    {
        CheckElementwise(expression, output);
        // The tree evaluated in registers when every node has a vector form; else tile by tile.
        if (output is CpuBuffer cpuOutput && CompiledElementwise.TryRun(expression, OnCpu(inputs), cpuOutput))
        {
            return;
        }
        ElementwiseTiled(expression, inputs, output);
    }

    /// <summary>The tile path alone (<see cref="FusedProgram"/>): the reference the compiled path must match bit for bit.</summary>
    internal void ElementwiseTiled(Expr expression, IReadOnlyList<IDeviceBuffer> inputs, IDeviceBuffer output)
    {
        CheckElementwise(expression, output);
        var program = FusedProgram.Compile(expression, OnCpu(inputs), [.. output.Shape]);
        if (output is not CpuBuffer)
        {
            throw new ArgumentException($"The output {output} is not a CPU buffer.", nameof(output));
        }
        Types.ElementTypeSwitch.Visit<Filling, bool>(output.DType, new(program, output));
    }

    private static void CheckElementwise(Expr expression, IDeviceBuffer output)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(output);
        if (output.DType != expression.DType)
        {
            throw new ArgumentException(
                $"The expression produces {expression.DType} but the output buffer holds {output.DType}. " +
                "Allocate the output with the expression's DType, or wrap the expression in Ex.Cast.", nameof(output));
        }
    }

    private readonly struct Filling(FusedProgram program, IDeviceBuffer output) : Types.IElementTypeVisitor<bool>
    {
        public bool Visit<T>() where T : unmanaged
        {
            Fill(program, (CpuBuffer<T>)output);
            return true;
        }
    }

    private static void Fill<T>(FusedProgram program, CpuBuffer<T> output)
    {
        var root = (Slot<T>)program.Root;
        var total = output.Length;
        for (long start = 0; start < total; start += FusedProgram.TileLength)
        {
            var count = (int)Math.Min(FusedProgram.TileLength, total - start);
            root.SetTarget(output.Array, output.Offset + (int)start);
            program.Run(start, count);
        }
    }
}
