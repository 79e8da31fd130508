using System.Text;

namespace Tessera.Kernels.Gpu;

/// <summary>
/// The <c>tsr_*</c> functions the op table's C expressions call (see <see cref="Ops.OpInfo"/>),
/// written per element type with the CPU backend's exact semantics: NumPy floor division and
/// remainder (sign of the divisor, x // 0 == 0 for integers, MIN // -1 wraps), NaN-propagating
/// minimum/maximum, integer power by squaring (negative exponents as documented in
/// <see cref="Ops.Power"/>), and saturating float-to-integer casts (NaN gives 0). Integer
/// arithmetic that may overflow goes through the unsigned type: signed overflow is undefined in C.
/// </summary>
internal sealed class CHelpers(CDialect dialect)
{
    private readonly HashSet<(string Name, DType Type)> _emitted = [];
    private readonly StringBuilder _text = new();

    /// <summary>The definitions requested so far, in request order.</summary>
    public string Text => _text.ToString();

    /// <summary>Defines helper <paramref name="name"/> for operands of <paramref name="type"/> unless already defined.</summary>
    public void Require(string name, DType type)
    {
        if (!_emitted.Add((name, type)))
        {
            return;
        }
        var t = dialect.Type(type);
        var f = dialect.FunctionQualifier;
        var isFloat = type.IsFloatingPoint();
        var body = (name, isFloat) switch
        {
            ("tsr_abs", true) => $"{f} {t} tsr_abs({t} x) {{ return fabs(x); }}",
            ("tsr_abs", false) => $"{f} {t} tsr_abs({t} x) {{ return x < 0 ? ({t})(({U(type)})0 - ({U(type)})x) : x; }}",
            ("tsr_rint", true) => $"{f} {t} tsr_rint({t} x) {{ return rint(x); }}",
            ("tsr_rint", false) => $"{f} {t} tsr_rint({t} x) {{ return x; }}",
            ("tsr_sign", true) => $"{f} {t} tsr_sign({t} x) {{ return x != x ? x : (x > 0 ? ({t})1 : (x < 0 ? ({t})-1 : ({t})0)); }}",
            ("tsr_sign", false) => $"{f} {t} tsr_sign({t} x) {{ return ({t})((x > 0) - (x < 0)); }}",
            ("tsr_isnan", true) => $"{f} int tsr_isnan({t} x) {{ return x != x; }}",
            ("tsr_isnan", false) => $"{f} int tsr_isnan({t} x) {{ return 0; }}",
            ("tsr_isinf", true) => $"{f} int tsr_isinf({t} x) {{ return isinf(x) != 0; }}",
            ("tsr_isinf", false) => $"{f} int tsr_isinf({t} x) {{ return 0; }}",
            ("tsr_floordiv", true) => FloatFloorDivide(f, t, type == DType.Float32 ? "0.5f" : "0.5"),
            ("tsr_floordiv", false) => IntegerFloorDivide(f, t, U(type)),
            ("tsr_mod", true) => $$"""
                {{f}} {{t}} tsr_mod({{t}} a, {{t}} b)
                {
                    if (b == 0) { return fmod(a, b); }
                    {{t}} m = fmod(a, b);
                    if (m == 0) { return copysign(({{t}})0, b); }
                    return ((b < 0) != (m < 0)) ? m + b : m;
                }
                """,
            ("tsr_mod", false) => $$"""
                {{f}} {{t}} tsr_mod({{t}} a, {{t}} b)
                {
                    if (b == 0 || b == -1) { return 0; }
                    {{t}} r = a % b;
                    return (r != 0 && ((r < 0) != (b < 0))) ? ({{t}})(({{U(type)}})r + ({{U(type)}})b) : r;
                }
                """,
            ("tsr_pow", true) => $"{f} {t} tsr_pow({t} a, {t} b) {{ return pow(a, b); }}",
            ("tsr_pow", false) => $$"""
                {{f}} {{t}} tsr_pow({{t}} a, {{t}} b)
                {
                    if (b < 0) { return a == 1 ? 1 : (a == -1 ? ((b & 1) == 0 ? 1 : -1) : 0); }
                    {{U(type)}} r = 1, x = ({{U(type)}})a;
                    while (b != 0) { if (b & 1) { r *= x; } x *= x; b >>= 1; }
                    return ({{t}})r;
                }
                """,
            // IEEE 754-2019 minimum/maximum, as TensorPrimitives: NaN propagates, -0 < +0.
            ("tsr_minimum", true) => $"{f} {t} tsr_minimum({t} a, {t} b) {{ return (a != a || b != b) ? a + b : (a < b ? a : (b < a ? b : (signbit(a) ? a : b))); }}",
            ("tsr_maximum", true) => $"{f} {t} tsr_maximum({t} a, {t} b) {{ return (a != a || b != b) ? a + b : (a > b ? a : (b > a ? b : (signbit(a) ? b : a))); }}",
            ("tsr_minimum", false) => $"{f} {t} tsr_minimum({t} a, {t} b) {{ return a < b ? a : b; }}",
            ("tsr_maximum", false) => $"{f} {t} tsr_maximum({t} a, {t} b) {{ return a > b ? a : b; }}",
            ("tsr_to_int", true) => FloatToInteger(f, t, type, DType.Int32),
            ("tsr_to_long", true) => FloatToInteger(f, t, type, DType.Int64),
            _ => throw new NotSupportedException(
                $"No GPU helper {name} for {type}. The op table names a tsr_* function this generator does not define; add it to {nameof(CHelpers)}."),
        };
        _text.Append(body).Append('\n');
    }

    private string U(DType type) => dialect.Unsigned(type);

    private static string IntegerFloorDivide(string f, string t, string u) => $$"""
        {{f}} {{t}} tsr_floordiv({{t}} a, {{t}} b)
        {
            if (b == 0) { return 0; }
            if (b == -1) { return ({{t}})(({{u}})0 - ({{u}})a); }
            {{t}} q = a / b;
            if (a % b != 0 && ((a < 0) != (b < 0))) { q -= 1; }
            return q;
        }
        """;

    // NumPy's npy_divmod: divide the exactly representable a - fmod(a, b), then correct the rounding.
    private static string FloatFloorDivide(string f, string t, string half) => $$"""
        {{f}} {{t}} tsr_floordiv({{t}} a, {{t}} b)
        {
            if (b == 0) { return a / b; }
            {{t}} m = fmod(a, b);
            {{t}} d = (a - m) / b;
            if (m != 0 && ((b < 0) != (m < 0))) { d -= 1; }
            if (d == 0) { return copysign(({{t}})0, a / b); }
            {{t}} fl = floor(d);
            if (d - fl > {{half}}) { fl += 1; }
            return fl;
        }
        """;

    // Truncate toward zero, saturate, NaN -> 0: .NET's defined conversion, which the CPU backend uses.
    private string FloatToInteger(string f, string t, DType from, DType to)
    {
        var target = dialect.Type(to);
        var name = to == DType.Int32 ? "tsr_to_int" : "tsr_to_long";
        var suffix = from == DType.Float32 ? "f" : string.Empty;
        var (max, min, limit) = to == DType.Int32
            ? ("2147483647", "(-2147483647 - 1)", "2147483648.0")
            : ($"9223372036854775807{dialect.LongSuffix}", $"(-9223372036854775807{dialect.LongSuffix} - 1)", "9223372036854775808.0");
        return $"{f} {target} {name}({t} x) {{ return x != x ? 0 : (x >= {limit}{suffix} ? {max} : (x < -{limit}{suffix} ? {min} : ({target})x)); }}";
    }
}
