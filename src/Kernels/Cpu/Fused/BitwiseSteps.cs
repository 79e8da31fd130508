using System.Numerics;
using Tessera.Kernels.Ops;

namespace Tessera.Kernels.Cpu.Fused;

// The per-element loops of the bitwise families.

internal sealed class BitwiseStep<TOp, T>(Slot<T> a, Slot<T> b, Slot<T> result) : Step
    where TOp : IBitwiseOp
    where T : IBinaryInteger<T>, IMinMaxValue<T>
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

internal sealed class BitwiseBoolStep<TOp>(Slot<bool> a, Slot<bool> b, Slot<bool> result) : Step
    where TOp : IBitwiseOp
{
    public override void Run(long start, int count)
    {
        var x = a.Read(count);
        var y = b.Read(count);
        var dst = result.Write(count);
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = TOp.Apply<byte>(x[i] ? (byte)1 : (byte)0, y[i] ? (byte)1 : (byte)0) != 0;
        }
    }
}

internal sealed class InvertStep<T>(Slot<T> x, Slot<T> result) : Step
    where T : IBinaryInteger<T>
{
    public override void Run(long start, int count)
    {
        var src = x.Read(count);
        var dst = result.Write(count);
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = ~src[i];
        }
    }
}
