using System.Text;

namespace Tessera.Kernels.Gpu;

/// <summary>Emits the code that turns a flat row-major index into one element offset per input.</summary>
internal static class GpuIndexing
{
    /// <summary>
    /// Declares <c>{prefix}0 .. {prefix}{n-1}</c> (starting from <paramref name="baseOffset"/>, e.g. the
    /// offsets of the kept coordinates) for flat index <paramref name="flat"/> over
    /// <paramref name="rank"/> dims at <paramref name="dims"/>; input k's strides start at
    /// <paramref name="strides"/>(k). Rank 1 (the common case once contiguous axes are merged) takes
    /// no division.
    /// </summary>
    public static void EmitOffsets(StringBuilder s, CDialect d, int inputs, string flat, string rank, string dims,
        Func<int, string> strides, string indent, Func<int, string>? baseOffset = null, string prefix = "off")
    {
        for (var k = 0; k < inputs; k++)
        {
            s.Append($"{indent}{d.Long} {prefix}{k} = {baseOffset?.Invoke(k) ?? "0"};\n");
        }
        if (inputs == 0)
        {
            return;
        }
        s.Append($"{indent}if ({rank} == 1)\n{indent}{{\n");
        for (var k = 0; k < inputs; k++)
        {
            s.Append($"{indent}    {prefix}{k} += {flat} * ({strides(k)})[0];\n");
        }
        s.Append($"{indent}}}\n{indent}else\n{indent}{{\n");
        s.Append($"{indent}    {d.Long} rest = {flat};\n");
        s.Append($"{indent}    for (int a = {rank} - 1; a >= 0; --a)\n{indent}    {{\n");
        s.Append($"{indent}        {d.Long} extent = ({dims})[a];\n");
        s.Append($"{indent}        {d.Long} c = rest % extent;\n");
        s.Append($"{indent}        rest /= extent;\n");
        for (var k = 0; k < inputs; k++)
        {
            s.Append($"{indent}        {prefix}{k} += c * ({strides(k)})[a];\n");
        }
        s.Append($"{indent}    }}\n{indent}}}\n");
    }
}
