using System.Reflection;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.IlGpu;
using Tessera.Kernels.IlGpu.Expressions;
using Tessera.Kernels.IlGpu.Gemm;
using Tessera.Kernels.IlGpu.Reductions;
using Tessera.Kernels.Ops;

namespace Tessera.Kernels.Tests.IlGpu;

/// <summary>
/// The backend's kernels as PTX cases (<see cref="PtxCompileTests.Kernels"/>): generic kernels closed
/// over the struct types the backend builds at run time, lowered on ilgpu-cpu buffers.
/// </summary>
internal static class PtxKernelCases
{
    private const BindingFlags Static = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;

    /// <summary>The elementwise map of one op over float32 inputs (the IR inserts the op's casts).</summary>
    public static PtxCompileTests.PtxCase Elementwise(OpInfo op)
    {
        // Bitwise ops have no float form: they compile over int32.
        var type = op.RejectsFloats ? DType.Int32 : DType.Float32;
        var e = op.Arity == 1 ? Ex.Unary(op, Ex.Input(0, type)) : Ex.Binary(op, Ex.Input(0, type), Ex.Input(1, type));
        var (structType, element) = Lower(e, op.Arity);
        var map = typeof(ElementwiseKernel).GetMethod(nameof(ElementwiseKernel.Map), Static)!.MakeGenericMethod(element, structType);
        return new($"elementwise {op.Name}", map, ExplicitlyGrouped: false);
    }

    /// <summary>The three reduction kernels (stage 1, stage 2, rows) of one kind over float32.</summary>
    public static IEnumerable<PtxCompileTests.PtxCase> Reduction(ReductionKind kind)
    {
        var types = ReductionOps.For(kind, DType.Float32);
        var (prologue, _) = Lower(Ex.Input(0, DType.Float32), 1);
        var sink = typeof(FinishSink<,,>).MakeGenericType(types.Partial, types.Output, types.Op);
        var kernels = typeof(ReductionKernels);
        yield return new($"reduce {kind} stage 1", kernels.GetMethod(nameof(ReductionKernels.Stage1), Static)!.MakeGenericMethod(types.Element, types.Partial, types.Op, prologue, sink), ExplicitlyGrouped: true);
        yield return new($"reduce {kind} stage 2", kernels.GetMethod(nameof(ReductionKernels.Stage2), Static)!.MakeGenericMethod(types.Partial, types.Op, sink), ExplicitlyGrouped: true);
        yield return new($"reduce {kind} rows", kernels.GetMethod(nameof(ReductionKernels.Rows), Static)!.MakeGenericMethod(types.Element, types.Partial, types.Op, prologue, sink), ExplicitlyGrouped: true);
    }

    /// <summary>The tiled GEMM kernel (the non-cuBLAS path).</summary>
    public static PtxCompileTests.PtxCase GemmTile(Type element) =>
        new($"gemm tile {element.Name}", typeof(TiledGemmKernel).GetMethod(nameof(TiledGemmKernel.Run), Static)!.MakeGenericMethod(element), ExplicitlyGrouped: true);

    private static (Type StructType, Type Element) Lower(Expr e, int arity)
    {
        var backend = IlGpuBackend.For(Device.IlGpuCpu);
        var inputType = ExprWalkInputType(e);
        var inputs = Enumerable.Range(0, arity).Select(_ => (IlGpuBuffer)backend.Allocate(inputType, [4])).ToArray();
        try
        {
            using var lowered = DeviceExprs.Build(e, inputs, [4]);
            return (lowered.StructType, lowered.ElementType);
        }
        finally
        {
            foreach (var b in inputs)
            {
                backend.Free(b);
            }
        }
    }

    // The type of the expression's inputs (all inputs of a case share it: float32, or int32 for bitwise ops).
    private static DType ExprWalkInputType(Expr e)
    {
        var type = DType.Float32;
        ExprWalk.Visit(e, n => type = n is InputExpr input ? input.DType : type);
        return type;
    }
}
