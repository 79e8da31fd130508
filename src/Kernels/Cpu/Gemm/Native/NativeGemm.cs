namespace Tessera.Kernels.Cpu;

/// <summary>Runs a validated GEMM through cblas_sgemm / cblas_dgemm of the system OpenBLAS.</summary>
internal static unsafe class NativeGemm
{
    private static readonly Lazy<BlasThreadGate?> s_gate = new(
        () => OpenBlas.Loaded is { } lib ? new BlasThreadGate(lib) : null,
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Single precision; arguments already validated and m, n, k all positive.</summary>
    public static void Sgemm(
        bool transA, bool transB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc, int threads)
    {
        var lib = Library();
        using var scope = s_gate.Value!.Enter(threads);
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            lib.Sgemm(OpenBlas.Library.RowMajor, Op(transA), Op(transB), m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        }
    }

    /// <summary>Double precision; arguments already validated and m, n, k all positive.</summary>
    public static void Dgemm(
        bool transA, bool transB, int m, int n, int k, double alpha, ReadOnlySpan<double> a, int lda,
        ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc, int threads)
    {
        var lib = Library();
        using var scope = s_gate.Value!.Enter(threads);
        fixed (double* pa = a)
        fixed (double* pb = b)
        fixed (double* pc = c)
        {
            lib.Dgemm(OpenBlas.Library.RowMajor, Op(transA), Op(transB), m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        }
    }

    private static int Op(bool trans) => trans ? OpenBlas.Library.Trans : OpenBlas.Library.NoTrans;

    private static OpenBlas.Library Library() =>
        OpenBlas.Loaded ?? throw new InvalidOperationException(
            "GemmPath.NativeBlas was requested but no OpenBLAS was found (tried libopenblas.so.0, libopenblas.so, " +
            "libblas.so.3 …). Install libopenblas0-pthread, or use GemmPath.Auto / GemmPath.Managed.");
}
