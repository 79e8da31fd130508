using Tessera.Kernels.Backends;

namespace Tessera.Kernels.Gpu;

/// <summary>
/// The partial result of one reduction kind as C: a struct <c>tsr_acc</c> whose fields are all
/// 8 bytes wide (float or 8-byte types, so the host can compute its size and allocate partials),
/// and four functions on values: <c>tsr_init()</c>, <c>tsr_add(a, x, r)</c> (x at reduced index r;
/// calls come in increasing r within a thread), <c>tsr_merge(a, b)</c> and
/// <c>tsr_finish(a, ddof)</c>. The arithmetic mirrors the CPU backend's partials: sums in double
/// (integers in wrapping 64-bit), Welford/Chan moments for var/std, NaN-sticky min/max, and
/// arg* keeping the first occurrence, with <c>tsr_merge</c> deciding ties by index so it is
/// order-independent. <c>idx == -1</c> in a finished nanarg* means an all-NaN slice.
/// </summary>
internal static class ReductionAccumulator
{
    public static (string Code, int Bytes, string[] Fields) Emit(ReductionKind kind, DType input, CDialect d, GpuCodegenOptions options)
    {
        var t = d.Type(input);
        var output = ReductionTypes.ResultType(kind, input);
        var o = d.Type(output);
        var isFloat = input.IsFloatingPoint();
        var skip = isFloat && kind.ToString().StartsWith("Nan", StringComparison.Ordinal);
        // Real accumulator: double unless float32 data on a device told to stay in float.
        var a = input == DType.Float32 && !options.Float64Accumulators ? "float" : "double";
        var lng = d.Long;
        var f = d.FunctionQualifier;
        var nanTest = skip ? "if (x != x) { return acc; }\n    " : string.Empty;
        var nanOut = output.IsFloatingPoint() ? d.NaN(output) : "0";
        (string[] Fields, string Init, string Add, string Merge, string Finish) parts = kind switch
        {
            ReductionKind.Sum or ReductionKind.NanSum when isFloat => (
                [$"{a} s"], "acc.s = 0;", $"{nanTest}acc.s += ({a})x;", "a.s += b.s;", $"return ({o})a.s;"),
            ReductionKind.Sum or ReductionKind.NanSum => (
                [$"{d.ULong} s"], "acc.s = 0;", $"acc.s += ({d.ULong})({lng})x;", "a.s += b.s;", $"return ({o})a.s;"),
            ReductionKind.Prod or ReductionKind.NanProd when isFloat => (
                [$"{a} p"], "acc.p = 1;", $"{nanTest}acc.p *= ({a})x;", "a.p *= b.p;", $"return ({o})a.p;"),
            ReductionKind.Prod or ReductionKind.NanProd => (
                [$"{d.ULong} p"], "acc.p = 1;", $"acc.p *= ({d.ULong})({lng})x;", "a.p *= b.p;", $"return ({o})a.p;"),
            ReductionKind.Min or ReductionKind.Max or ReductionKind.NanMin or ReductionKind.NanMax => Extremum(kind, isFloat, isFloat ? a : lng, lng, nanTest, o, nanOut),
            ReductionKind.ArgMin or ReductionKind.ArgMax or ReductionKind.NanArgMin or ReductionKind.NanArgMax => ArgExtremum(kind, isFloat, isFloat ? a : lng, lng, nanTest),
            ReductionKind.Mean or ReductionKind.NanMean => (
                [$"{a} s", $"{lng} n"], "acc.s = 0; acc.n = 0;", $"{nanTest}acc.s += ({a})x; acc.n += 1;", "a.s += b.s; a.n += b.n;",
                $"return a.n == 0 ? {nanOut} : ({o})(a.s / ({a})a.n);"),
            ReductionKind.Var or ReductionKind.Std or ReductionKind.NanVar or ReductionKind.NanStd => Moments(kind, a, lng, nanTest, o, nanOut),
            ReductionKind.Any => ([$"{lng} b"], "acc.b = 0;", "acc.b |= (x != 0);", "a.b |= b.b;", $"return ({o})(a.b != 0);"),
            ReductionKind.All => ([$"{lng} b"], "acc.b = 1;", "acc.b &= (x != 0);", "a.b &= b.b;", $"return ({o})(a.b != 0);"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown reduction."),
        };
        var code =
            $"typedef struct {{ {string.Join(" ", parts.Fields.Select(x => x + ";"))} }} tsr_acc;\n" +
            $"{f} tsr_acc tsr_init(void)\n{{\n    tsr_acc acc;\n    {parts.Init}\n    return acc;\n}}\n" +
            $"{f} tsr_acc tsr_add(tsr_acc acc, {t} x, {lng} r)\n{{\n    {parts.Add}\n    return acc;\n}}\n" +
            $"{f} tsr_acc tsr_merge(tsr_acc a, tsr_acc b)\n{{\n    {parts.Merge}\n    return a;\n}}\n" +
            $"{f} {o} tsr_finish(tsr_acc a, int ddof)\n{{\n    {parts.Finish}\n}}\n";
        return (code, StructSize(parts.Fields), [.. parts.Fields.Select(x => x[(x.LastIndexOf(' ') + 1)..])]);
    }

    // C layout: each field aligned to its own size, the whole to the largest field.
    private static int StructSize(string[] fields)
    {
        int offset = 0, largest = 1;
        foreach (var field in fields)
        {
            var size = field.StartsWith("float ", StringComparison.Ordinal) ? 4 : 8;
            offset = ((offset + size - 1) / size * size) + size;
            largest = Math.Max(largest, size);
        }
        return (offset + largest - 1) / largest * largest;
    }

    // NaN sticks (min/max propagate it); "seen" marks a partial that holds a value.
    private static (string[], string, string, string, string) Extremum(ReductionKind kind, bool isFloat, string valueType, string lng, string nanTest, string o, string nanOut)
    {
        var less = kind is ReductionKind.Min or ReductionKind.NanMin ? "<" : ">";
        var better = isFloat ? $"!(acc.v != acc.v) && (x != x || x {less} acc.v)" : $"x {less} acc.v";
        var betterMerge = isFloat ? $"!(a.v != a.v) && (b.v != b.v || b.v {less} a.v)" : $"b.v {less} a.v";
        return (
            [$"{valueType} v", $"{lng} seen"],
            "acc.v = 0; acc.seen = 0;",
            $"{nanTest}if (!acc.seen || ({better})) {{ acc.v = x; acc.seen = 1; }}",
            $"if (b.seen && (!a.seen || ({betterMerge}))) {{ a.v = b.v; a.seen = 1; }}",
            $"return a.seen ? ({o})a.v : {nanOut};");
    }

    // First occurrence wins: within a thread by order of addition, across partials by index.
    private static (string[], string, string, string, string) ArgExtremum(ReductionKind kind, bool isFloat, string valueType, string lng, string nanTest)
    {
        var less = kind is ReductionKind.ArgMin or ReductionKind.NanArgMin ? "<" : ">";
        var better = isFloat ? $"!(acc.v != acc.v) && (x != x || x {less} acc.v)" : $"x {less} acc.v";
        var takeB = isFloat
            ? $"(a.v != a.v || b.v != b.v) ? (b.v != b.v && (!(a.v != a.v) || b.idx < a.idx)) : (b.v {less} a.v || (b.v == a.v && b.idx < a.idx))"
            : $"b.v {less} a.v || (b.v == a.v && b.idx < a.idx)";
        return (
            [$"{valueType} v", $"{lng} idx"],
            "acc.v = 0; acc.idx = -1;",
            $"{nanTest}if (acc.idx < 0 || ({better})) {{ acc.v = x; acc.idx = r; }}",
            $"if (b.idx >= 0 && (a.idx < 0 || ({takeB}))) {{ a = b; }}",
            "return a.idx;");
    }

    // Welford per element, Chan et al.'s merge across partials; var = M2 / max(n - ddof, 0).
    private static (string[], string, string, string, string) Moments(ReductionKind kind, string a, string lng, string nanTest, string o, string nanOut)
    {
        var std = kind is ReductionKind.Std or ReductionKind.NanStd;
        var value = std ? $"sqrt(a.m2 / ({a})(a.n > ddof ? a.n - ddof : 0))" : $"a.m2 / ({a})(a.n > ddof ? a.n - ddof : 0)";
        return (
            [$"{lng} n", $"{a} mean", $"{a} m2"],
            "acc.n = 0; acc.mean = 0; acc.m2 = 0;",
            $"{nanTest}acc.n += 1; {a} delta = ({a})x - acc.mean; acc.mean += delta / ({a})acc.n; acc.m2 += delta * (({a})x - acc.mean);",
            $"if (b.n == 0) {{ return a; }}\n    if (a.n == 0) {{ return b; }}\n    {lng} n = a.n + b.n;\n    {a} delta = b.mean - a.mean;\n" +
            $"    {a} fraction = ({a})b.n / ({a})n;\n    a.mean += delta * fraction;\n    a.m2 += b.m2 + delta * delta * ({a})a.n * fraction;\n    a.n = n;",
            $"return a.n == 0 ? {nanOut} : ({o})({value});");
    }
}
