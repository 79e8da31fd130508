using System.Text;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Gpu;

/// <summary>
/// Generates one program with three kernels for a reduction with a fused prologue. No atomics:
/// every partial is combined in an order fixed by the launch geometry, so a result is the same
/// bits run after run on one device.
/// </summary>
/// <remarks>
/// <para><c>tsr_reduce_rows</c> and <c>tsr_reduce_groups</c> share one parameter list:
/// <c>out, partials, in0 .. in{n-1}, long n_out, long n_red, long splits, int ddof, const long* layout,</c>
/// then the constants by value. <c>layout</c> is <see cref="GpuLayout.Reduction"/>; output o is
/// row-major over the kept axes, the reduced index r row-major over the reduced axes.</para>
/// <para><c>tsr_reduce_rows</c>: one work-item per output (grid-stride over outputs), folding
/// r = 0 .. n_red-1 in order. For short reductions and for kept innermost axes (neighbouring
/// work-items then read neighbouring elements). Any 1-D geometry; ignores partials and splits.</para>
/// <para><c>tsr_reduce_groups</c>: exactly <c>n_out * splits</c> work-groups of exactly
/// <see cref="GpuCodegenOptions.GroupSize"/> work-items; group g serves output g / splits and the
/// g % splits-th contiguous chunk of the reduced range. Work-items fold a strided slice, then a
/// tree in local memory (warp shuffles for the last 32 on CUDA) combines them. With splits == 1
/// it writes the finished output; otherwise partial g goes to <c>partials[g]</c>
/// (<see cref="GpuKernelSource.AccumulatorBytes"/> each) and <c>tsr_reduce_final</c> follows.</para>
/// <para><c>tsr_reduce_final(out, partials, long n_out, long splits, int ddof)</c>: n_out groups of
/// GroupSize work-items, each combining one output's partials in a fixed tree.</para>
/// </remarks>
internal static class ReductionKernel
{
    public const string Rows = "tsr_reduce_rows";
    public const string Groups = "tsr_reduce_groups";
    public const string Final = "tsr_reduce_final";

    /// <summary>
    /// Source for <paramref name="kind"/> over <paramref name="prologue"/>, which must already be
    /// normalised by <see cref="ReductionPlan.Normalize"/> (bool prologues handled).
    /// </summary>
    public static GpuKernelSource Generate(ReductionKind kind, Expr prologue, GpuCodegenOptions options)
    {
        ArgumentNullException.ThrowIfNull(prologue);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var d = CDialect.For(options.Dialect);
        var helpers = new CHelpers(d);
        var eval = ExprEmitter.Emit(prologue, d, helpers);
        var (accumulator, bytes, fields) = ReductionAccumulator.Emit(kind, prologue.DType, d, options);
        var output = ReductionTypes.ResultType(kind, prologue.DType);
        var n = eval.InputTypes.Length;
        var usesDouble = eval.UsesDouble || accumulator.Contains("double", StringComparison.Ordinal) || output == DType.Float64;

        var parameters = new List<string>
        {
            $"{d.GlobalPointer(d.Type(output), isConst: false)} out",
            $"{d.GlobalPointer("tsr_acc", isConst: false)} partials",
        };
        parameters.AddRange(Enumerable.Range(0, n).Select(k => $"{d.GlobalPointer(eval.InputType(k), isConst: true)} in{k}"));
        parameters.AddRange([$"{d.Long} n_out", $"{d.Long} n_red", $"{d.Long} splits", "int ddof", $"{d.GlobalPointer(d.Long, isConst: true)} layout"]);
        parameters.AddRange(eval.ConstantParameters());
        var signature = string.Join(", ", parameters);

        var s = new StringBuilder();
        s.Append(d.Prelude(usesDouble)).Append(helpers.Text).Append(eval.Function).Append(accumulator);
        if (d.Dialect == GpuDialect.Cuda)
        {
            s.Append($"{d.FunctionQualifier} tsr_acc tsr_shfl_down(tsr_acc a, int w)\n{{\n    tsr_acc b;\n");
            foreach (var field in fields)
            {
                s.Append($"    b.{field} = __shfl_down_sync(0xffffffffu, a.{field}, w);\n");
            }
            s.Append("    return b;\n}\n");
        }
        EmitRows(s, d, n, eval, signature);
        EmitGroups(s, d, n, eval, signature, options.GroupSize);
        EmitFinal(s, d, output, options.GroupSize);

        return new GpuKernelSource(s.ToString(), [Rows, Groups, Final], StructureOf(kind, prologue, options), eval.Constants, n, usesDouble, bytes);
    }

    /// <summary>The cache-key structure of <see cref="Generate"/>'s result, without generating it.</summary>
    public static string StructureOf(ReductionKind kind, Expr prologue, GpuCodegenOptions options) =>
        $"red|{kind}|{prologue.Signature.Text}|{options.Text}";

    // Input k's kept strides start after the header and dims; its reduced strides follow them.
    private static string KeptStrides(int k) => $"layout + 2 + kr + rr + {k} * (kr + rr)";

    private static string ReducedStrides(int k) => $"layout + 2 + kr + rr + {k} * (kr + rr) + kr";

    private static void Header(StringBuilder s) =>
        s.Append("    const int kr = (int)layout[0];\n    const int rr = (int)layout[1];\n");

    private static void EmitRows(StringBuilder s, CDialect d, int n, ExprEmitter eval, string signature)
    {
        s.Append($"{d.KernelQualifier} {Rows}({signature})\n{{\n");
        Header(s);
        s.Append($"    for ({d.Long} o = {d.GlobalId}; o < n_out; o += {d.GlobalSize})\n    {{\n");
        GpuIndexing.EmitOffsets(s, d, n, "o", "kr", "layout + 2", KeptStrides, "        ", prefix: "base");
        s.Append("        tsr_acc acc = tsr_init();\n");
        s.Append($"        for ({d.Long} r = 0; r < n_red; ++r)\n        {{\n");
        GpuIndexing.EmitOffsets(s, d, n, "r", "rr", "layout + 2 + kr", ReducedStrides, "            ", k => $"base{k}");
        s.Append($"            acc = tsr_add(acc, {eval.Call()}, r);\n        }}\n");
        s.Append("        out[o] = tsr_finish(acc, ddof);\n    }\n}\n");
    }

    private static void EmitGroups(StringBuilder s, CDialect d, int n, ExprEmitter eval, string signature, int group)
    {
        s.Append($"{d.KernelQualifier} {Groups}({signature})\n{{\n");
        s.Append("    ").Append(d.LocalArray("tsr_acc", "scratch", group)).Append('\n');
        Header(s);
        s.Append($"    const {d.Long} g = {d.GroupId(0)};\n    const {d.Long} o = g / splits;\n    const {d.Long} part = g - o * splits;\n");
        s.Append($"    const int lid = {d.LocalId(0)};\n    if (o >= n_out) {{ return; }}\n");
        GpuIndexing.EmitOffsets(s, d, n, "o", "kr", "layout + 2", KeptStrides, "    ", prefix: "base");
        s.Append($"    const {d.Long} chunk = (n_red + splits - 1) / splits;\n    const {d.Long} begin = part * chunk;\n");
        s.Append($"    const {d.Long} end = begin + chunk < n_red ? begin + chunk : n_red;\n");
        s.Append("    tsr_acc acc = tsr_init();\n");
        s.Append($"    for ({d.Long} r = begin + lid; r < end; r += {group})\n    {{\n");
        GpuIndexing.EmitOffsets(s, d, n, "r", "rr", "layout + 2 + kr", ReducedStrides, "        ", k => $"base{k}");
        s.Append($"        acc = tsr_add(acc, {eval.Call()}, r);\n    }}\n");
        EmitTree(s, d, group);
        s.Append("    if (lid == 0)\n    {\n        if (splits == 1) { out[o] = tsr_finish(acc, ddof); } else { partials[g] = acc; }\n    }\n}\n");
    }

    private static void EmitFinal(StringBuilder s, CDialect d, DType output, int group)
    {
        s.Append($"{d.KernelQualifier} {Final}({d.GlobalPointer(d.Type(output), isConst: false)} out, ");
        s.Append($"{d.GlobalPointer("tsr_acc", isConst: true)} partials, {d.Long} n_out, {d.Long} splits, int ddof)\n{{\n");
        s.Append("    ").Append(d.LocalArray("tsr_acc", "scratch", group)).Append('\n');
        s.Append($"    const {d.Long} o = {d.GroupId(0)};\n    const int lid = {d.LocalId(0)};\n    if (o >= n_out) {{ return; }}\n");
        s.Append("    tsr_acc acc = tsr_init();\n");
        s.Append($"    for ({d.Long} p = lid; p < splits; p += {group})\n    {{\n        acc = tsr_merge(acc, partials[o * splits + p]);\n    }}\n");
        EmitTree(s, d, group);
        s.Append("    if (lid == 0) { out[o] = tsr_finish(acc, ddof); }\n}\n");
    }

    // Leaves the group's total in work-item 0's acc. Pairs are fixed (lid with lid + w), so the
    // combination order never depends on timing.
    private static void EmitTree(StringBuilder s, CDialect d, int group)
    {
        s.Append("    scratch[lid] = acc;\n    ").Append(d.LocalBarrier).Append('\n');
        var stop = d.Dialect == GpuDialect.Cuda ? 32 : 0;
        s.Append($"    for (int w = {group / 2}; w > {stop}; w >>= 1)\n    {{\n");
        s.Append("        if (lid < w) { scratch[lid] = tsr_merge(scratch[lid], scratch[lid + w]); }\n        ");
        s.Append(d.LocalBarrier).Append("\n    }\n");
        if (d.Dialect == GpuDialect.Cuda)
        {
            s.Append("    if (lid < 32)\n    {\n        acc = tsr_merge(scratch[lid], scratch[lid + 32]);\n");
            s.Append("        for (int w = 16; w > 0; w >>= 1) { acc = tsr_merge(acc, tsr_shfl_down(acc, w)); }\n    }\n");
        }
        else
        {
            s.Append("    acc = scratch[0];\n");
        }
    }
}
