using System.Numerics;
using Tessera.Kernels.Ops;

namespace Tessera.Kernels.Cpu.Fused;

// The drivers that own the per-element loops for binary families and where().

internal sealed class NumericBinaryFloatStep<TOp, T>(Slot<T> a, Slot<T> b, Slot<T> result) : Step
    where TOp : INumericBinaryOp
    where T : IFloatingPointIeee754<T>
{
    public override void Run(long start, int count)
    {
        var x = a.Read(count);
        var y = b.Read(count);
        var dst = result.Write(count);
        if (TOp.TryMap(x, y, dst))
        {
            return;
        }
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = TOp.ApplyFloat(x[i], y[i]);
        }
    }
}

internal sealed class NumericBinaryIntegerStep<TOp, T>(Slot<T> a, Slot<T> b, Slot<T> result) : Step
    where TOp : INumericBinaryOp
    where T : IBinaryInteger<T>
{
    public override void Run(long start, int count)
    {
        var x = a.Read(count);
        var y = b.Read(count);
        var dst = result.Write(count);
        if (TOp.TryMap(x, y, dst))
        {
            return;
        }
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = TOp.ApplyInteger(x[i], y[i]);
        }
    }
}

internal sealed class FloatBinaryStep<TOp, T>(Slot<T> a, Slot<T> b, Slot<T> result) : Step
    where TOp : IFloatBinaryOp
    where T : IFloatingPointIeee754<T>
{
    public override void Run(long start, int count)
    {
        var x = a.Read(count);
        var y = b.Read(count);
        var dst = result.Write(count);
        if (TOp.TryMap(x, y, dst))
        {
            return;
        }
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = TOp.Apply(x[i], y[i]);
        }
    }
}

internal sealed class CompareStep<TOp, T>(Slot<T> a, Slot<T> b, Slot<bool> result) : Step
    where TOp : ICompareOp
    where T : INumber<T>
{
    public override void Run(long start, int count)
    {
        var x = a.Read(count);
        var y = b.Read(count);
        var dst = result.Write(count);
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = TOp.Apply(x[i], y[i]);
        }
    }
}

internal sealed class LogicalStep<TOp>(Slot<bool> a, Slot<bool> b, Slot<bool> result) : Step
    where TOp : ILogicalOp
{
    public override void Run(long start, int count)
    {
        var x = a.Read(count);
        var y = b.Read(count);
        var dst = result.Write(count);
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = TOp.Apply(x[i], y[i]);
        }
    }
}

internal sealed class WhereStep<T>(Slot<bool> condition, Slot<T> a, Slot<T> b, Slot<T> result) : Step
{
    public override void Run(long start, int count)
    {
        var c = condition.Read(count);
        var x = a.Read(count);
        var y = b.Read(count);
        var dst = result.Write(count);
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = c[i] ? x[i] : y[i];
        }
    }
}
