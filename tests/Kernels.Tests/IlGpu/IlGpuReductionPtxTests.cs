using System.Reflection;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime.Cuda;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.IlGpu;
using Tessera.Kernels.IlGpu.Expressions;
using Tessera.Kernels.IlGpu.Reductions;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.IlGpu;

/// <summary>
/// Every reduction kernel compiles to PTX without a GPU (asked for sm_90; ILGPU 1.5.3 with ISA 8.0
/// emits <c>.target sm_80</c>): the CPU accelerator runs .NET
/// code and accepts things a GPU backend rejects, so this is where device-only failures show.
/// </summary>
public sealed class IlGpuReductionPtxTests
{
    private static readonly MethodInfo Stage1 = typeof(ReductionKernels).GetMethod(nameof(ReductionKernels.Stage1))!;
    private static readonly MethodInfo Stage2 = typeof(ReductionKernels).GetMethod(nameof(ReductionKernels.Stage2))!;
    private static readonly MethodInfo RowsKernel = typeof(ReductionKernels).GetMethod(nameof(ReductionKernels.Rows))!;

    public static TheoryData<DType> Types() => [DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.Bool];

    [Theory]
    [MemberData(nameof(Types))]
    public void EveryKindsKernels_CompileToPtx(DType dtype)
    {
        var backend = IlGpuBackend.For(Device.IlGpuCpu);
        var input = (IlGpuBuffer)Buffers.Upload(backend, TestData.Create(dtype, 12, seed: 1), 3, 4);
        using var ptx = new PTXBackend(IlGpuRuntime.Context, new CudaCapabilityContext(CudaArchitecture.SM_90),
            CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, null);
        var compiled = new HashSet<Type>();
        foreach (var kind in Enum.GetValues<ReductionKind>())
        {
            var (k, prologue) = ReductionRewrites.Normalize(kind, Ex.Input(0, dtype));
            var op = ReductionOps.For(k, prologue.DType);
            if (!compiled.Add(op.Op))
            {
                continue;
            }
            using var lowered = DeviceExprs.Build(prologue, [input], [3, 4]);
            var finish = typeof(FinishSink<,,>).MakeGenericType(op.Partial, op.Output, op.Op);
            var partial = typeof(PartialSink<>).MakeGenericType(op.Partial);
            AssertPtx(ptx, Stage1.MakeGenericMethod(op.Element, op.Partial, op.Op, lowered.StructType, partial), $"{kind} stage 1");
            AssertPtx(ptx, Stage2.MakeGenericMethod(op.Partial, op.Op, finish), $"{kind} stage 2");
            AssertPtx(ptx, RowsKernel.MakeGenericMethod(op.Element, op.Partial, op.Op, lowered.StructType, finish), $"{kind} rows");
        }
        if (dtype is DType.Float32 or DType.Float64)
        {
            // ReduceMoments' sink, widening float32 values into float64 moments.
            using var lowered = DeviceExprs.Build(Ex.Input(0, dtype), [input], [3, 4]);
            var (t, tn) = dtype == DType.Float32 ? (typeof(float), typeof(F32)) : (typeof(double), typeof(F64));
            var op = typeof(MomentOp<,,,,,>).MakeGenericType(t, tn, typeof(PropagateNaN), typeof(VarianceOf), typeof(double), typeof(F64));
            var sink = typeof(MomentsSink<,>).MakeGenericType(typeof(double), typeof(F64));
            AssertPtx(ptx, Stage2.MakeGenericMethod(typeof(Moments), op, sink), "moments stage 2");
        }
    }

    private static void AssertPtx(PTXBackend backend, MethodInfo kernel, string what)
    {
        var code = ((PTXCompiledKernel)IlGpuRuntime.Compiling(() => backend.Compile(EntryPointDescription.FromExplicitlyGroupedKernel(kernel), default))).PTXAssembly;
        Assert.True(code.Contains(".target sm_", StringComparison.Ordinal) && code.Contains(".visible .entry", StringComparison.Ordinal),
            $"{what}: no PTX entry point:\n{string.Join("\n", code.Split('\n').Take(20))}");
    }
}
