using System.Diagnostics.CodeAnalysis;

namespace Tessera.Kernels.Cpu;

/// <summary>
/// Checks that GEMM dimensions, leading dimensions and span lengths agree before any memory is
/// touched, so a wrong call fails with a message naming the operand instead of reading out of
/// bounds (the native path has no bounds checks at all).
/// </summary>
internal static class GemmArguments
{
    /// <summary>Throws <see cref="ArgumentException"/> when any operand cannot hold its matrix.</summary>
    public static void Validate(
        bool transA, bool transB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        if (m < 0 || n < 0 || k < 0)
        {
            ThrowNegativeDimension(m, n, k);
        }
        // Stored shapes: op(A) is m×k, so A is k×m when transposed; likewise B.
        CheckOperand("a", transA ? k : m, transA ? m : k, aLength, lda, transA ? "k×m (transA)" : "m×k");
        CheckOperand("b", transB ? n : k, transB ? k : n, bLength, ldb, transB ? "n×k (transB)" : "k×n");
        CheckOperand("c", m, n, cLength, ldc, "m×n");
    }

    private static void CheckOperand(string name, int rows, int cols, int length, int ld, string shape)
    {
        // CBLAS requires ld >= max(1, cols) even for empty matrices; keeping the same rule means
        // a call that passes here is also a legal BLAS call.
        if (ld < Math.Max(1, cols))
        {
            ThrowLeadingDimension(name, rows, cols, ld, shape);
        }
        long needed = rows == 0 || cols == 0 ? 0 : ((long)(rows - 1) * ld) + cols;
        if (length < needed)
        {
            ThrowTooShort(name, rows, cols, ld, length, needed, shape);
        }
    }

    [DoesNotReturn]
    private static void ThrowNegativeDimension(int m, int n, int k) =>
        throw new ArgumentException(
            $"GEMM dimensions must be non-negative; given m={m}, n={n}, k={k}.");

    [DoesNotReturn]
    private static void ThrowLeadingDimension(string name, int rows, int cols, int ld, string shape) =>
        throw new ArgumentException(
            $"ld{name}={ld} is smaller than the row width of {name}: {name} is {shape} = {rows}×{cols} " +
            $"row-major, so ld{name} must be at least {Math.Max(1, cols)}.",
            "ld" + name);

    [DoesNotReturn]
    private static void ThrowTooShort(string name, int rows, int cols, int ld, int length, long needed, string shape) =>
        throw new ArgumentException(
            $"{name} has {length} elements but {name} is {shape} = {rows}×{cols} with ld{name}={ld}, " +
            $"which needs at least {needed} ((rows-1)·ld{name} + cols). Pass a longer span or smaller dimensions.",
            name);
}
