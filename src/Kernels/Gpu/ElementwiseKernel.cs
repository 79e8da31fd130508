using System.Text;
using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Gpu;

/// <summary>
/// Generates the fused elementwise kernel <c>tsr_elementwise</c>: one grid-stride loop over the
/// output, each element's inputs read through broadcast strides (see <see cref="GpuLayout"/>).
/// </summary>
/// <remarks>
/// Parameters, in order: <c>out</c> (output pointer), <c>in0 .. in{n-1}</c> (input pointers),
/// <c>long n</c> (output elements), <c>const long* layout</c> (<see cref="GpuLayout.Elementwise"/>),
/// then one by-value parameter per constant (<see cref="GpuKernelSource.Constants"/>; bool as a
/// byte). Any 1-D launch geometry works: the loop strides by the global size.
/// </remarks>
internal static class ElementwiseKernel
{
    public const string EntryPoint = "tsr_elementwise";

    public static GpuKernelSource Generate(Expr expression, GpuCodegenOptions options)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(options);
        var d = CDialect.For(options.Dialect);
        var helpers = new CHelpers(d);
        var eval = ExprEmitter.Emit(expression, d, helpers);
        var n = eval.InputTypes.Length;
        var parameters = new List<string> { $"{d.GlobalPointer(d.Type(expression.DType), isConst: false)} out" };
        parameters.AddRange(Enumerable.Range(0, n).Select(k => $"{d.GlobalPointer(eval.InputType(k), isConst: true)} in{k}"));
        parameters.Add($"{d.Long} n");
        parameters.Add($"{d.GlobalPointer(d.Long, isConst: true)} layout");
        parameters.AddRange(eval.ConstantParameters());

        var s = new StringBuilder();
        s.Append(d.Prelude(eval.UsesDouble)).Append(helpers.Text).Append(eval.Function);
        s.Append(d.KernelQualifier).Append(' ').Append(EntryPoint).Append('(').AppendJoin(", ", parameters).Append(")\n{\n");
        s.Append("    const int rank = (int)layout[0];\n");
        s.Append($"    for ({d.Long} i = {d.GlobalId}; i < n; i += {d.GlobalSize})\n    {{\n");
        GpuIndexing.EmitOffsets(s, d, n, flat: "i", rank: "rank", dims: "layout + 1", strides: k => $"layout + 1 + rank * {k + 1}", indent: "        ");
        s.Append($"        out[i] = {eval.Call()};\n    }}\n}}\n");

        return new GpuKernelSource(s.ToString(), [EntryPoint], StructureOf(expression, options), eval.Constants, n, eval.UsesDouble);
    }

    /// <summary>The cache-key structure of <see cref="Generate"/>'s result, without generating it.</summary>
    public static string StructureOf(Expr expression, GpuCodegenOptions options) => $"ew|{expression.Signature.Text}|{options.Text}";
}
