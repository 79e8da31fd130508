using System.Text;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Gpu;

/// <summary>
/// Generates the reduction kernel <c>tsr_reduce</c> for a reduction with a fused prologue. No
/// atomics: every partial is combined in an order fixed by the launch geometry, so a result is
/// the same bits run after run on one device. One kernel with three modes rather than three
/// kernels, because drivers that compile per kernel at first launch (PoCL) then compile once.
/// </summary>
/// <remarks>
/// <para>Parameters: <c>out, partials, in0 .. in{n-1}, long n_out, long n_red, long splits,
/// int ddof, int mode, const long* layout,</c> then the constants by value. <c>layout</c> is
/// <see cref="GpuLayout.Reduction"/>; output o is row-major over the kept axes, the reduced index
/// r row-major over the reduced axes.</para>
/// <para>mode 0 (<see cref="RowsMode"/>): one work-item per output (grid-stride over outputs),
/// folding r = 0 .. n_red-1 in order. For short reductions and for kept innermost axes
/// (neighbouring work-items then read neighbouring elements). Any 1-D geometry.</para>
/// <para>mode 1 (<see cref="GroupsMode"/>): exactly <c>n_out * splits</c> work-groups of exactly
/// <see cref="GpuCodegenOptions.GroupSize"/> work-items; group g serves output g / splits and the
/// g % splits-th contiguous chunk of the reduced range. Work-items fold a strided slice, then a
/// tree in local memory (warp shuffles for the last 32 on CUDA) combines them. With splits == 1
/// it writes the finished output; otherwise partial g goes to <c>partials[g]</c>
/// (<see cref="GpuKernelSource.AccumulatorBytes"/> each) and a mode-2 launch follows.</para>
/// <para>mode 2 (<see cref="FinalMode"/>): n_out groups of GroupSize work-items, each combining one
/// output's <c>splits</c> partials in a fixed tree and writing the finished output. Inputs and
/// layout are not read (pass the same arguments as for mode 1).</para>
/// </remarks>
internal static class ReductionKernel
{
    public const string EntryPoint = "tsr_reduce";

    /// <summary>The <c>mode</c> argument: one work-item per output.</summary>
    public const int RowsMode = 0;

    /// <summary>The <c>mode</c> argument: groups folding chunks of the reduced range.</summary>
    public const int GroupsMode = 1;

    /// <summary>The <c>mode</c> argument: one group per output combining its partials.</summary>
    public const int FinalMode = 2;

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
        parameters.AddRange([$"{d.Long} n_out", $"{d.Long} n_red", $"{d.Long} splits", "int ddof", "int mode", $"{d.GlobalPointer(d.Long, isConst: true)} layout"]);
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
        s.Append($"{d.KernelQualifier} {EntryPoint}({signature})\n{{\n");
        s.Append("    ").Append(d.LocalArray("tsr_acc", "scratch", options.GroupSize)).Append('\n');
        s.Append($"    const int kr = (int)layout[0];\n    const int rr = (int)layout[1];\n    const int lid = {d.LocalId(0)};\n");
        s.Append($"    const {d.Long} g = {d.GroupId(0)};\n    const {d.Long} o = mode == 1 ? g / splits : g;\n");
        s.Append("    tsr_acc acc = tsr_init();\n");
        EmitRows(s, d, n, eval);
        EmitGroupsAndFinal(s, d, n, eval, options.GroupSize);
        s.Append("}\n");

        return new GpuKernelSource(s.ToString(), [EntryPoint], StructureOf(kind, prologue, options), eval.Constants, n, usesDouble, bytes);
    }

    /// <summary>The cache-key structure of <see cref="Generate"/>'s result, without generating it.</summary>
    public static string StructureOf(ReductionKind kind, Expr prologue, GpuCodegenOptions options) =>
        $"red|{kind}|{prologue.Signature.Text}|{options.Text}";

    // Input k's kept strides start after the header and dims; its reduced strides follow them.
    private static string KeptStrides(int k) => $"layout + 2 + kr + rr + {k} * (kr + rr)";

    private static string ReducedStrides(int k) => $"layout + 2 + kr + rr + {k} * (kr + rr) + kr";

    // mode 0: one work-item per output, grid-stride over outputs.
    private static void EmitRows(StringBuilder s, CDialect d, int n, ExprEmitter eval)
    {
        s.Append("    if (mode == 0)\n    {\n");
        s.Append($"        for ({d.Long} row = {d.GlobalId}; row < n_out; row += {d.GlobalSize})\n        {{\n");
        GpuIndexing.EmitOffsets(s, d, n, "row", "kr", "layout + 2", KeptStrides, "            ", prefix: "base");
        s.Append("            tsr_acc a = tsr_init();\n");
        s.Append($"            for ({d.Long} r = 0; r < n_red; ++r)\n            {{\n");
        GpuIndexing.EmitOffsets(s, d, n, "r", "rr", "layout + 2 + kr", ReducedStrides, "                ", k => $"base{k}");
        s.Append($"                a = tsr_add(a, {eval.Call()}, r);\n            }}\n");
        s.Append("            out[row] = tsr_finish(a, ddof);\n        }\n    }\n");
    }

    // mode 1: group g folds chunk g % splits of output g / splits; mode 2: group o combines
    // output o's partials. Both end in the same fixed tree, which every work-item of every mode
    // reaches (no early return, no barrier inside a branch: drivers such as PoCL mis-handle
    // barriers in conditional code); in mode 0 the tree runs on identities and writes nothing.
    private static void EmitGroupsAndFinal(StringBuilder s, CDialect d, int n, ExprEmitter eval, int group)
    {
        s.Append("    if (mode == 1 && o < n_out)\n    {\n");
        GpuIndexing.EmitOffsets(s, d, n, "o", "kr", "layout + 2", KeptStrides, "        ", prefix: "base");
        s.Append($"        const {d.Long} chunk = (n_red + splits - 1) / splits;\n        const {d.Long} begin = (g - o * splits) * chunk;\n");
        s.Append($"        const {d.Long} end = begin + chunk < n_red ? begin + chunk : n_red;\n");
        s.Append($"        for ({d.Long} r = begin + lid; r < end; r += {group})\n        {{\n");
        GpuIndexing.EmitOffsets(s, d, n, "r", "rr", "layout + 2 + kr", ReducedStrides, "            ", k => $"base{k}");
        s.Append($"            acc = tsr_add(acc, {eval.Call()}, r);\n        }}\n    }}\n");
        s.Append("    if (mode == 2 && o < n_out)\n    {\n");
        s.Append($"        for ({d.Long} p = lid; p < splits; p += {group})\n        {{\n            acc = tsr_merge(acc, partials[o * splits + p]);\n        }}\n    }}\n");
        EmitTree(s, d, group);
        s.Append("    if (lid == 0 && mode != 0 && o < n_out)\n    {\n        if (mode == 1 && splits > 1) { partials[g] = acc; } else { out[o] = tsr_finish(acc, ddof); }\n    }\n");
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
