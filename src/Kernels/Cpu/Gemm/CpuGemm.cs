using System.Numerics;
using System.Runtime.InteropServices;

namespace Tessera.Kernels.Cpu;

/// <summary>
/// General matrix multiply on the CPU: C = alpha·op(A)·op(B) + beta·C for float and double,
/// row-major with leading dimensions, where op(X) is X or its transpose.
/// </summary>
/// <remarks>
/// Runs on the system OpenBLAS (what NumPy uses) or on the packed managed kernel, whichever is
/// faster on this CPU; see <see cref="GemmPathSelection"/> and <c>Gemm.md</c> beside this file
/// for the rule and the measurements behind it. Semantics follow BLAS: k = 0 or alpha = 0 gives C = beta·C without
/// reading A or B, and beta = 0 never reads C, so NaN left in C does not propagate.
/// </remarks>
internal static unsafe class CpuGemm
{
    /// <summary>
    /// C[m×n] = alpha·op(A)[m×k]·op(B)[k×n] + beta·C on one thread, by the automatic path.
    /// </summary>
    /// <param name="transA">Use Aᵀ: A is stored k×m.</param>
    /// <param name="transB">Use Bᵀ: B is stored n×k.</param>
    /// <param name="m">Rows of C and op(A).</param>
    /// <param name="n">Columns of C and op(B).</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">A, row-major.</param>
    /// <param name="lda">Elements between starts of consecutive rows of A (≥ its stored width).</param>
    /// <param name="b">B, row-major.</param>
    /// <param name="ldb">Elements between starts of consecutive rows of B.</param>
    /// <param name="beta">Scale of the existing C; 0 means C is write-only.</param>
    /// <param name="c">C, row-major, updated in place.</param>
    /// <param name="ldc">Elements between starts of consecutive rows of C.</param>
    /// <exception cref="NotSupportedException">T is not float or double.</exception>
    /// <exception cref="ArgumentException">A dimension is negative, a leading dimension is smaller than
    /// its row, or a span is too short for its matrix.</exception>
    public static void Gemm<T>(
        bool transA, bool transB, int m, int n, int k, T alpha, ReadOnlySpan<T> a, int lda,
        ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged =>
        Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, GemmOptions.Default);

    /// <summary>As the overload without options, with a thread count and path from <paramref name="options"/>.</summary>
    /// <inheritdoc cref="Gemm{T}(bool, bool, int, int, int, T, ReadOnlySpan{T}, int, ReadOnlySpan{T}, int, T, Span{T}, int)"/>
    public static void Gemm<T>(
        bool transA, bool transB, int m, int n, int k, T alpha, ReadOnlySpan<T> a, int lda,
        ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc, GemmOptions options)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Threads, 1, "options.Threads");
        if (typeof(T) == typeof(float))
        {
            Run(transA, transB, m, n, k, Cast<T, float>(alpha), MemoryMarshal.Cast<T, float>(a), lda,
                MemoryMarshal.Cast<T, float>(b), ldb, Cast<T, float>(beta), MemoryMarshal.Cast<T, float>(c), ldc, options);
        }
        else if (typeof(T) == typeof(double))
        {
            Run(transA, transB, m, n, k, Cast<T, double>(alpha), MemoryMarshal.Cast<T, double>(a), lda,
                MemoryMarshal.Cast<T, double>(b), ldb, Cast<T, double>(beta), MemoryMarshal.Cast<T, double>(c), ldc, options);
        }
        else
        {
            throw new NotSupportedException(
                $"CpuGemm supports float and double; got {typeof(T).Name}. Convert the operands to float or double first.");
        }
    }

    private static void Run<T>(
        bool transA, bool transB, int m, int n, int k, T alpha, ReadOnlySpan<T> a, int lda,
        ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc, GemmOptions options)
        where T : unmanaged, INumber<T>
    {
        GemmArguments.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0)
        {
            return;
        }
        if (k == 0 || T.IsZero(alpha))
        {
            GemmScale.Apply(m, n, beta, c, ldc);
            return;
        }
        if (GemmPathSelection.Resolve(options.Path) == GemmPath.NativeBlas)
        {
            RunNative(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, options.Threads);
            return;
        }
        fixed (T* pa = a)
        fixed (T* pb = b)
        fixed (T* pc = c)
        {
            var problem = new GemmProblem<T>(transA, transB, m, n, k, alpha, (nint)pa, lda, (nint)pb, ldb, beta, (nint)pc, ldc);
            ManagedGemm.Run(problem, options.Threads);
        }
    }

    private static void RunNative<T>(
        bool transA, bool transB, int m, int n, int k, T alpha, ReadOnlySpan<T> a, int lda,
        ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc, int threads)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            NativeGemm.Sgemm(transA, transB, m, n, k, Cast<T, float>(alpha), MemoryMarshal.Cast<T, float>(a), lda,
                MemoryMarshal.Cast<T, float>(b), ldb, Cast<T, float>(beta), MemoryMarshal.Cast<T, float>(c), ldc, threads);
        }
        else
        {
            NativeGemm.Dgemm(transA, transB, m, n, k, Cast<T, double>(alpha), MemoryMarshal.Cast<T, double>(a), lda,
                MemoryMarshal.Cast<T, double>(b), ldb, Cast<T, double>(beta), MemoryMarshal.Cast<T, double>(c), ldc, threads);
        }
    }

    private static TTo Cast<TFrom, TTo>(TFrom value) => System.Runtime.CompilerServices.Unsafe.As<TFrom, TTo>(ref value);
}
