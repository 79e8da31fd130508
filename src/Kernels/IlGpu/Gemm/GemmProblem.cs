namespace Tessera.Kernels.IlGpu.Gemm;

/// <summary>
/// The sizes and layout of one row-major GEMM, passed to the device kernels by value.
/// Flags are ints: kernel parameters stay plain blittable fields on every ILGPU backend.
/// </summary>
/// <param name="M">Rows of op(A) and C.</param>
/// <param name="N">Columns of op(B) and C.</param>
/// <param name="K">Columns of op(A), rows of op(B).</param>
/// <param name="Lda">Row length of A as stored (m or k, depending on the transpose).</param>
/// <param name="Ldb">Row length of B as stored.</param>
/// <param name="TransposeA">1 when A is stored k×m.</param>
/// <param name="TransposeB">1 when B is stored n×k.</param>
/// <param name="BetaIsZero">1 when C is written without being read (BLAS: beta 0 ignores NaN in C).</param>
internal readonly record struct GemmProblem(int M, int N, int K, int Lda, int Ldb, int TransposeA, int TransposeB, int BetaIsZero);
