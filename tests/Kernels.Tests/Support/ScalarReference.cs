using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Tests.Support;

/// <summary>
/// Evaluates an expression one element at a time with each op's scalar definition: the naive
/// reference the tiled, vectorised backends are compared against.
/// </summary>
internal static class ScalarReference
{
    public static Scalar Evaluate(Expr e, Func<int, Scalar> input) => e switch
    {
        InputExpr i => input(i.Index),
        ConstantExpr c => c.Value,
        UnaryExpr u => u.Op.Unary!.Apply(Evaluate(u.Operand, input)),
        BinaryExpr b => b.Op.Binary!.Apply(Evaluate(b.Left, input), Evaluate(b.Right, input)),
        WhereExpr w => Evaluate(w.Condition, input).As<bool>() ? Evaluate(w.WhenTrue, input) : Evaluate(w.WhenFalse, input),
        CastExpr c => Evaluate(c.Operand, input).CastTo(c.DType),
        _ => throw new NotSupportedException(e.GetType().Name),
    };

    /// <summary>The flat index into an input of <paramref name="shape"/> broadcast to <paramref name="target"/>.</summary>
    public static long BroadcastIndex(long flat, int[] target, int[] shape)
    {
        long index = 0, stride = 1;
        for (var k = target.Length - 1; k >= 0; k--)
        {
            var coordinate = flat % target[k];
            flat /= target[k];
            var sk = k - (target.Length - shape.Length);
            if (sk >= 0)
            {
                if (shape[sk] != 1)
                {
                    index += coordinate * stride;
                }
                stride *= shape[sk];
            }
        }
        return index;
    }
}
