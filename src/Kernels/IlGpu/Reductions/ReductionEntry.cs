using System.Collections.Concurrent;
using System.Reflection;
using ILGPU.Runtime;
using Tessera.Kernels.IlGpu.Expressions;

namespace Tessera.Kernels.IlGpu.Reductions;

/// <summary>
/// The step from run-time types to compiled generics: the prologue's struct type is only known once
/// the expression is lowered, so the typed launch is reached through one cached
/// <see cref="MethodInfo.MakeGenericMethod"/> per type combination.
/// </summary>
internal static class ReductionEntry
{
    private static readonly MethodInfo ReduceDefinition = typeof(ReductionEntry).GetMethod(nameof(ReduceTyped), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo MomentsDefinition = typeof(ReductionEntry).GetMethod(nameof(MomentsTyped), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly ConcurrentDictionary<(ReductionOpTypes, Type), MethodInfo> Reductions = new();
    private static readonly ConcurrentDictionary<(Type, Type), MethodInfo> MomentMethods = new();

    /// <summary>Reduces <paramref name="prologue"/> into <paramref name="output"/> with the op of <paramref name="op"/>.</summary>
    public static void Reduce(ReductionOpTypes op, Accelerator accelerator, DeviceExpr prologue, ReductionAxes axes,
        ReductionSchedule schedule, IlGpuBuffer output, int ddof)
    {
        var method = Reductions.GetOrAdd((op, prologue.StructType), k => ReduceDefinition.MakeGenericMethod(
            k.Item1.Element, k.Item1.Partial, k.Item1.Output, k.Item1.Op, k.Item2));
        method.Invoke(null, BindingFlags.DoNotWrapExceptions, null, [accelerator, prologue.Instance, axes, schedule, output, ddof], null);
    }

    /// <summary>Mean and population variance of <paramref name="prologue"/> (float32/float64) into two outputs of one float type.</summary>
    public static void Moments(Accelerator accelerator, DeviceExpr prologue, ReductionAxes axes,
        ReductionSchedule schedule, IlGpuBuffer mean, IlGpuBuffer variance)
    {
        var output = IlGpuBuffer.Storage(mean.DType);
        var method = MomentMethods.GetOrAdd((prologue.StructType, output), k => MomentsDefinition.MakeGenericMethod(
            prologue.ElementType, Numbers(prologue.ElementType), k.Item2, Numbers(k.Item2), k.Item1));
        method.Invoke(null, BindingFlags.DoNotWrapExceptions, null, [accelerator, prologue.Instance, axes, schedule, mean, variance], null);
    }

    private static Type Numbers(Type t) => t == typeof(float) ? typeof(F32) : t == typeof(double) ? typeof(F64)
        : throw new NotSupportedException($"Moments are computed for float32 and float64, not {t.Name}.");

    private static void ReduceTyped<T, TAcc, TOut, TOp, TExpr>(Accelerator accelerator, TExpr prologue, ReductionAxes axes,
        ReductionSchedule schedule, IlGpuBuffer output, int ddof)
        where T : unmanaged
        where TAcc : unmanaged
        where TOut : unmanaged
        where TOp : struct, IAccumulateOp<T, TAcc>, IFinishOp<TAcc, TOut>
        where TExpr : struct, IDeviceExpr<T> =>
        ReductionLauncher.Run<T, TAcc, TOp, TExpr, FinishSink<TAcc, TOut, TOp>>(accelerator, prologue, axes, schedule,
            new FinishSink<TAcc, TOut, TOp> { Output = output.View<TOut>(), Ddof = ddof });

    private static void MomentsTyped<T, TN, TO, TON, TExpr>(Accelerator accelerator, TExpr prologue, ReductionAxes axes,
        ReductionSchedule schedule, IlGpuBuffer mean, IlGpuBuffer variance)
        where T : unmanaged
        where TN : struct, IDeviceNumber<T>
        where TO : unmanaged
        where TON : struct, IDeviceNumber<TO>
        where TExpr : struct, IDeviceExpr<T> =>
        ReductionLauncher.Run<T, Moments, MomentOp<T, TN, PropagateNaN, VarianceOf, TO, TON>, TExpr, MomentsSink<TO, TON>>(
            accelerator, prologue, axes, schedule,
            new MomentsSink<TO, TON> { Mean = mean.View<TO>(), Variance = variance.View<TO>() });
}
