using System.Numerics;
using Tessera.Kernels.Ops;

namespace Tessera.Kernels.Cpu.Fused;

// The drivers that own the per-element loops for unary families (ops never loop themselves).

internal sealed class FloatUnaryStep<TOp, T>(Slot<T> x, Slot<T> result) : Step
    where TOp : IFloatUnaryOp
    where T : IFloatingPointIeee754<T>
{
    public override void Run(long start, int count)
    {
        var src = x.Read(count);
        var dst = result.Write(count);
        if (TOp.TryMap(src, dst))
        {
            return;
        }
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = TOp.Apply(src[i]);
        }
    }
}

internal sealed class NumericUnaryFloatStep<TOp, T>(Slot<T> x, Slot<T> result) : Step
    where TOp : INumericUnaryOp
    where T : IFloatingPointIeee754<T>
{
    public override void Run(long start, int count)
    {
        var src = x.Read(count);
        var dst = result.Write(count);
        if (TOp.TryMapFloat(src, dst))
        {
            return;
        }
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = TOp.ApplyFloat(src[i]);
        }
    }
}

internal sealed class NumericUnaryIntegerStep<TOp, T>(Slot<T> x, Slot<T> result) : Step
    where TOp : INumericUnaryOp
    where T : IBinaryInteger<T>
{
    public override void Run(long start, int count)
    {
        var src = x.Read(count);
        var dst = result.Write(count);
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = TOp.ApplyInteger(src[i]);
        }
    }
}

internal sealed class PredicateFloatStep<TOp, T>(Slot<T> x, Slot<bool> result) : Step
    where TOp : IPredicateOp
    where T : IFloatingPointIeee754<T>
{
    public override void Run(long start, int count)
    {
        var src = x.Read(count);
        var dst = result.Write(count);
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = TOp.ApplyFloat(src[i]);
        }
    }
}

internal sealed class PredicateIntegerStep<TOp, T>(Slot<T> x, Slot<bool> result) : Step
    where TOp : IPredicateOp
    where T : IBinaryInteger<T>
{
    public override void Run(long start, int count)
    {
        var src = x.Read(count);
        var dst = result.Write(count);
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = TOp.ApplyInteger(src[i]);
        }
    }
}

internal sealed class NotStep(Slot<bool> x, Slot<bool> result) : Step
{
    public override void Run(long start, int count)
    {
        var src = x.Read(count);
        var dst = result.Write(count);
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = !src[i];
        }
    }
}

internal sealed class CastStep<TFrom, TTo>(Slot<TFrom> x, Slot<TTo> result) : Step
{
    public override void Run(long start, int count)
    {
        var src = x.Read(count);
        var dst = result.Write(count);
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = Ops.Convert.Apply<TFrom, TTo>(src[i]);
        }
    }
}
