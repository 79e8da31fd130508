using System.Text;

namespace Tessera.Kernels.Gpu;

/// <summary>
/// A tiled GEMM, <c>C = alpha * op(A) * op(B) + beta * C</c>, row-major, for backends without a
/// vendor BLAS (OpenCL). Each work-group stages a Tile x Tile block of op(A) and of op(B) in
/// local memory per step along k, so every element loaded from global memory is used Tile times.
/// </summary>
/// <remarks>
/// <c>tsr_gemm(T* c, const T* a, const T* b, int m, int n, int k, int lda, int ldb, int ldc,
/// int trans_a, int trans_b, T alpha, T beta)</c>. Launch 2-D: local size (Tile, Tile), global
/// size (n and m rounded up to Tile); dimension 0 runs along columns of C. Tiles are padded with
/// zeros at the edges, so any m, n, k work. BLAS rules: beta == 0 never reads C (NaN there does not
/// leak); pass k = 0 when alpha == 0 so A and B are not read.
/// </remarks>
internal static class GemmKernel
{
    public const string EntryPoint = "tsr_gemm";

    public const int Tile = 16;

    public static GpuKernelSource Generate(DType dtype, GpuDialect dialect)
    {
        if (!dtype.IsFloatingPoint())
        {
            throw new NotSupportedException($"GEMM runs on float32 or float64, not {dtype}. Cast the operands first.");
        }
        var d = CDialect.For(dialect);
        var t = d.Type(dtype);
        var s = new StringBuilder(d.Prelude(dtype == DType.Float64));
        s.Append($"{d.KernelQualifier} {EntryPoint}({d.GlobalPointer(t, false)} c, {d.GlobalPointer(t, true)} a, {d.GlobalPointer(t, true)} b, ");
        s.Append($"int m, int n, int k, int lda, int ldb, int ldc, int trans_a, int trans_b, {t} alpha, {t} beta)\n{{\n");
        // +1 column of padding keeps the column reads of the B tile off a single memory bank.
        s.Append("    ").Append(d.LocalArray(t, "as", Tile * (Tile + 1))).Append('\n');
        s.Append("    ").Append(d.LocalArray(t, "bs", Tile * (Tile + 1))).Append('\n');
        s.Append($"    const int tx = {d.LocalId(0)};\n    const int ty = {d.LocalId(1)};\n");
        s.Append($"    const int col = (int){d.GroupId(0)} * {Tile} + tx;\n    const int row = (int){d.GroupId(1)} * {Tile} + ty;\n");
        s.Append($"    {t} sum = 0;\n");
        s.Append($"    for (int p0 = 0; p0 < k; p0 += {Tile})\n    {{\n");
        s.Append($"        const int ak = p0 + tx;\n        const int bk = p0 + ty;\n");
        s.Append($"        as[ty * {Tile + 1} + tx] = (row < m && ak < k) ? (trans_a ? a[(long)ak * lda + row] : a[(long)row * lda + ak]) : ({t})0;\n");
        s.Append($"        bs[ty * {Tile + 1} + tx] = (col < n && bk < k) ? (trans_b ? b[(long)col * ldb + bk] : b[(long)bk * ldb + col]) : ({t})0;\n");
        s.Append("        ").Append(d.LocalBarrier).Append('\n');
        s.Append($"        for (int p = 0; p < {Tile}; ++p)\n        {{\n            sum += as[ty * {Tile + 1} + p] * bs[p * {Tile + 1} + tx];\n        }}\n");
        s.Append("        ").Append(d.LocalBarrier).Append("\n    }\n");
        s.Append("    if (row < m && col < n)\n    {\n");
        s.Append($"        {t} r = alpha * sum;\n        if (beta != 0) {{ r += beta * c[(long)row * ldc + col]; }}\n        c[(long)row * ldc + col] = r;\n    }}\n}}\n");
        s.Replace("(long)", $"({d.Long})");
        return new GpuKernelSource(s.ToString(), [EntryPoint], StructureOf(dtype, dialect), [], 0, dtype == DType.Float64);
    }

    /// <summary>The cache-key structure of <see cref="Generate"/>'s result, without generating it.</summary>
    public static string StructureOf(DType dtype, GpuDialect dialect) => $"gemm|{dtype}|{dialect}|t{Tile}|v{GpuKernelSource.GeneratorVersion}";
}
