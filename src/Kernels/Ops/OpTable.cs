using Tessera.Kernels.Ops.Families;

namespace Tessera.Kernels.Ops;

/// <summary>The table of elementwise ops. Ids are stable: append new ops, never renumber.</summary>
internal static class OpTable
{
    public static readonly OpInfo Negate = OpInfo.UnaryOp(1, "negative", "(-{0})", new NumericUnaryFamily<Ops.Negate>());
    public static readonly OpInfo Abs = OpInfo.UnaryOp(2, "absolute", "tsr_abs({0})", new NumericUnaryFamily<Absolute>());
    public static readonly OpInfo Sqrt = OpInfo.UnaryOp(3, "sqrt", "sqrt({0})", new FloatUnaryFamily<Ops.Sqrt>());
    public static readonly OpInfo Exp = OpInfo.UnaryOp(4, "exp", "exp({0})", new FloatUnaryFamily<Ops.Exp>());
    public static readonly OpInfo Log = OpInfo.UnaryOp(5, "log", "log({0})", new FloatUnaryFamily<Ops.Log>());
    public static readonly OpInfo Log1p = OpInfo.UnaryOp(6, "log1p", "log1p({0})", new FloatUnaryFamily<Ops.Log1p>());
    public static readonly OpInfo Expm1 = OpInfo.UnaryOp(7, "expm1", "expm1({0})", new FloatUnaryFamily<Ops.Expm1>());
    public static readonly OpInfo Sin = OpInfo.UnaryOp(8, "sin", "sin({0})", new FloatUnaryFamily<Ops.Sin>());
    public static readonly OpInfo Cos = OpInfo.UnaryOp(9, "cos", "cos({0})", new FloatUnaryFamily<Ops.Cos>());
    public static readonly OpInfo Tan = OpInfo.UnaryOp(10, "tan", "tan({0})", new FloatUnaryFamily<Ops.Tan>());
    public static readonly OpInfo Tanh = OpInfo.UnaryOp(11, "tanh", "tanh({0})", new FloatUnaryFamily<Ops.Tanh>());
    public static readonly OpInfo Sinh = OpInfo.UnaryOp(12, "sinh", "sinh({0})", new FloatUnaryFamily<Ops.Sinh>());
    public static readonly OpInfo Cosh = OpInfo.UnaryOp(13, "cosh", "cosh({0})", new FloatUnaryFamily<Ops.Cosh>());
    public static readonly OpInfo Asin = OpInfo.UnaryOp(14, "arcsin", "asin({0})", new FloatUnaryFamily<Ops.Asin>());
    public static readonly OpInfo Acos = OpInfo.UnaryOp(15, "arccos", "acos({0})", new FloatUnaryFamily<Ops.Acos>());
    public static readonly OpInfo Atan = OpInfo.UnaryOp(16, "arctan", "atan({0})", new FloatUnaryFamily<Ops.Atan>());
    public static readonly OpInfo Floor = OpInfo.UnaryOp(17, "floor", "floor({0})", new FloatUnaryFamily<Ops.Floor>());
    public static readonly OpInfo Ceil = OpInfo.UnaryOp(18, "ceil", "ceil({0})", new FloatUnaryFamily<Ops.Ceil>());
    public static readonly OpInfo Round = OpInfo.UnaryOp(19, "round", "tsr_rint({0})", new NumericUnaryFamily<Ops.Round>());
    public static readonly OpInfo Sign = OpInfo.UnaryOp(20, "sign", "tsr_sign({0})", new NumericUnaryFamily<Ops.Sign>());
    public static readonly OpInfo IsNaN = OpInfo.UnaryOp(21, "isnan", "tsr_isnan({0})", new PredicateFamily<Ops.IsNaN>());
    public static readonly OpInfo IsInf = OpInfo.UnaryOp(22, "isinf", "tsr_isinf({0})", new PredicateFamily<Ops.IsInf>());
    public static readonly OpInfo Not = OpInfo.UnaryOp(23, "logical_not", "(!{0})", new NotFamily());
    public static readonly OpInfo Log2 = OpInfo.UnaryOp(24, "log2", "log2({0})", new FloatUnaryFamily<Ops.Log2>());
    public static readonly OpInfo Log10 = OpInfo.UnaryOp(25, "log10", "log10({0})", new FloatUnaryFamily<Ops.Log10>());
    public static readonly OpInfo IsFinite = OpInfo.UnaryOp(26, "isfinite", "isfinite({0})", new PredicateFamily<Ops.IsFinite>());
    public static readonly OpInfo Invert = OpInfo.UnaryOp(27, "invert", "(~{0})", new InvertFamily());

    public static readonly OpInfo Add = OpInfo.BinaryOp(40, "add", "({0} + {1})", new NumericBinaryFamily<Ops.Add>());
    public static readonly OpInfo Subtract = OpInfo.BinaryOp(41, "subtract", "({0} - {1})", new NumericBinaryFamily<Ops.Subtract>());
    public static readonly OpInfo Multiply = OpInfo.BinaryOp(42, "multiply", "({0} * {1})", new NumericBinaryFamily<Ops.Multiply>());
    public static readonly OpInfo Divide = OpInfo.BinaryOp(43, "true_divide", "({0} / {1})", new FloatBinaryFamily<TrueDivide>(integersToFloat64: true));
    public static readonly OpInfo FloorDivide = OpInfo.BinaryOp(44, "floor_divide", "tsr_floordiv({0}, {1})", new NumericBinaryFamily<Ops.FloorDivide>());
    public static readonly OpInfo Remainder = OpInfo.BinaryOp(45, "remainder", "tsr_mod({0}, {1})", new NumericBinaryFamily<Ops.Remainder>());
    public static readonly OpInfo Power = OpInfo.BinaryOp(46, "power", "tsr_pow({0}, {1})", new NumericBinaryFamily<Ops.Power>());
    public static readonly OpInfo Minimum = OpInfo.BinaryOp(47, "minimum", "tsr_minimum({0}, {1})", new NumericBinaryFamily<Ops.Minimum>());
    public static readonly OpInfo Maximum = OpInfo.BinaryOp(48, "maximum", "tsr_maximum({0}, {1})", new NumericBinaryFamily<Ops.Maximum>());
    public static readonly OpInfo Atan2 = OpInfo.BinaryOp(49, "arctan2", "atan2({0}, {1})", new FloatBinaryFamily<Ops.Atan2>(integersToFloat64: false));
    public static readonly OpInfo Equal = OpInfo.BinaryOp(50, "equal", "({0} == {1})", new CompareFamily<Ops.Equal>());
    public static readonly OpInfo NotEqual = OpInfo.BinaryOp(51, "not_equal", "({0} != {1})", new CompareFamily<Ops.NotEqual>());
    public static readonly OpInfo Less = OpInfo.BinaryOp(52, "less", "({0} < {1})", new CompareFamily<Ops.Less>());
    public static readonly OpInfo LessEqual = OpInfo.BinaryOp(53, "less_equal", "({0} <= {1})", new CompareFamily<Ops.LessEqual>());
    public static readonly OpInfo Greater = OpInfo.BinaryOp(54, "greater", "({0} > {1})", new CompareFamily<Ops.Greater>());
    public static readonly OpInfo GreaterEqual = OpInfo.BinaryOp(55, "greater_equal", "({0} >= {1})", new CompareFamily<Ops.GreaterEqual>());
    public static readonly OpInfo And = OpInfo.BinaryOp(56, "logical_and", "({0} && {1})", new LogicalFamily<LogicalAnd>());
    public static readonly OpInfo Or = OpInfo.BinaryOp(57, "logical_or", "({0} || {1})", new LogicalFamily<LogicalOr>());
    public static readonly OpInfo Hypot = OpInfo.BinaryOp(58, "hypot", "hypot({0}, {1})", new FloatBinaryFamily<Ops.Hypot>(integersToFloat64: false));
    public static readonly OpInfo BitwiseAnd = OpInfo.BinaryOp(59, "bitwise_and", "({0} & {1})", new BitwiseFamily<Ops.BitwiseAnd>(boolsAllowed: true));
    public static readonly OpInfo BitwiseOr = OpInfo.BinaryOp(60, "bitwise_or", "({0} | {1})", new BitwiseFamily<Ops.BitwiseOr>(boolsAllowed: true));
    public static readonly OpInfo BitwiseXor = OpInfo.BinaryOp(61, "bitwise_xor", "({0} ^ {1})", new BitwiseFamily<Ops.BitwiseXor>(boolsAllowed: true));
    public static readonly OpInfo LeftShift = OpInfo.BinaryOp(62, "left_shift", "tsr_lshift({0}, {1})", new BitwiseFamily<Ops.LeftShift>(boolsAllowed: false));
    public static readonly OpInfo RightShift = OpInfo.BinaryOp(63, "right_shift", "tsr_rshift({0}, {1})", new BitwiseFamily<Ops.RightShift>(boolsAllowed: false));

    /// <summary>Every op, for tests and generators that iterate the table.</summary>
    public static IReadOnlyList<OpInfo> All { get; } =
    [
        Negate, Abs, Sqrt, Exp, Log, Log1p, Expm1, Sin, Cos, Tan, Tanh, Sinh, Cosh, Asin, Acos, Atan,
        Floor, Ceil, Round, Sign, IsNaN, IsInf, Not, Log2, Log10, IsFinite, Invert,
        Add, Subtract, Multiply, Divide, FloorDivide, Remainder, Power, Minimum, Maximum, Atan2,
        Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual, And, Or, Hypot,
        BitwiseAnd, BitwiseOr, BitwiseXor, LeftShift, RightShift,
    ];
}
