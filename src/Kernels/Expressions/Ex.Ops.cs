using Tessera.Kernels.Ops;

namespace Tessera.Kernels.Expressions;

// Named shortcuts over Ex.Unary / Ex.Binary for the ops without a C# operator.
internal static partial class Ex
{
    public static Expr Abs(Expr x) => Unary(OpTable.Abs, x);

    public static Expr Sqrt(Expr x) => Unary(OpTable.Sqrt, x);

    public static Expr Exp(Expr x) => Unary(OpTable.Exp, x);

    public static Expr Log(Expr x) => Unary(OpTable.Log, x);

    public static Expr Sin(Expr x) => Unary(OpTable.Sin, x);

    public static Expr Cos(Expr x) => Unary(OpTable.Cos, x);

    public static Expr Not(Expr x) => Unary(OpTable.Not, x);

    public static Expr IsNaN(Expr x) => Unary(OpTable.IsNaN, x);

    public static Expr Pow(Expr a, Expr b) => Binary(OpTable.Power, a, b);

    public static Expr FloorDivide(Expr a, Expr b) => Binary(OpTable.FloorDivide, a, b);

    public static Expr Minimum(Expr a, Expr b) => Binary(OpTable.Minimum, a, b);

    public static Expr Maximum(Expr a, Expr b) => Binary(OpTable.Maximum, a, b);

    public static Expr Less(Expr a, Expr b) => Binary(OpTable.Less, a, b);

    public static Expr Greater(Expr a, Expr b) => Binary(OpTable.Greater, a, b);

    public static Expr And(Expr a, Expr b) => Binary(OpTable.And, a, b);

    public static Expr Or(Expr a, Expr b) => Binary(OpTable.Or, a, b);
}
