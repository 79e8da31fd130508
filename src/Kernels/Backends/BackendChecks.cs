using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Backends;

/// <summary>
/// Argument checks every device backend makes before launching, with the CPU backend's messages,
/// so a bad call fails the same way whichever device it targets.
/// </summary>
internal static class BackendChecks
{
    public static void Elementwise(Expr expression, IReadOnlyList<IDeviceBuffer> inputs, IDeviceBuffer output)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(output);
        if (output.DType != expression.DType)
        {
            throw new ArgumentException(
                $"The expression produces {expression.DType} but the output buffer holds {output.DType}. " +
                "Allocate the output with the expression's DType, or wrap the expression in Ex.Cast.", nameof(output));
        }
        Inputs(expression, inputs);
    }

    /// <summary>Every input the expression reads exists and holds the declared type.</summary>
    public static void Inputs(Expr expression, IReadOnlyList<IDeviceBuffer> inputs)
    {
        ExprWalk.Visit(expression, e =>
        {
            if (e is not InputExpr input)
            {
                return;
            }
            if (input.Index >= inputs.Count)
            {
                throw new ArgumentException(
                    $"The expression reads input {input.Index} but {inputs.Count} input buffer(s) were given. " +
                    "Pass one buffer per input index.");
            }
            if (inputs[input.Index].DType != input.DType)
            {
                throw new ArgumentException(
                    $"Input {input.Index} is declared {input.DType} in the expression but the buffer holds {inputs[input.Index].DType}. " +
                    "Declare the input with the buffer's type (and cast in the expression if needed).");
            }
        });
    }

    /// <summary>Checks a reduction's output and returns the broadcast shape and the axis set.</summary>
    public static (int[] Shape, HashSet<int> Axes, long Outputs, long Reduced) Reduction(
        ReductionKind kind, Expr prologue, IReadOnlyList<IDeviceBuffer> inputs, ReadOnlySpan<int> axes, IDeviceBuffer output, int ddof)
    {
        ArgumentNullException.ThrowIfNull(prologue);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(output);
        Inputs(prologue, inputs);
        var shape = Shapes.Broadcast(inputs.Select(b => b.Shape));
        var set = ReductionTypes.NormalizeAxes(axes, shape.Length);
        var expected = ReductionTypes.ResultType(kind, prologue.DType);
        if (output.DType != expected)
        {
            throw new ArgumentException(
                $"{kind} of {prologue.DType} gives {expected}, but the output buffer holds {output.DType}. Allocate the output as {expected}.",
                nameof(output));
        }
        var dropped = shape.Where((_, k) => !set.Contains(k)).ToArray();
        var kept = shape.Select((d, k) => set.Contains(k) ? 1 : d).ToArray();
        if (!output.Shape.SequenceEqual(dropped) && !output.Shape.SequenceEqual(kept))
        {
            throw new ArgumentException(
                $"Reducing {Shapes.Format(shape)} over axes [{string.Join(", ", set.Order())}] gives {Shapes.Format(dropped)} " +
                $"(or {Shapes.Format(kept)} with kept dimensions), but the output is {Shapes.Format(output.Shape)}.", nameof(output));
        }
        long outputs = 1, reduced = 1;
        for (var k = 0; k < shape.Length; k++)
        {
            if (set.Contains(k))
            {
                reduced *= shape[k];
            }
            else
            {
                outputs *= shape[k];
            }
        }
        if (ReductionTypes.NeedsElements(kind) && reduced == 0 && outputs > 0)
        {
            throw new ArgumentException(
                $"{kind} over axes [{string.Join(", ", set.Order())}] of shape {Shapes.Format(shape)} reduces zero elements, " +
                $"and {kind} has no identity (NumPy raises the same). Reduce non-empty axes or use a reduction with an identity (sum, any, ...).");
        }
        if (ddof < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ddof), ddof, "ddof is 0 or more (1 for the sample variance).");
        }
        return (shape, set, outputs, reduced);
    }

    /// <summary>The error a nanargmin/nanargmax of an all-NaN slice raises (as the CPU backend's).</summary>
    public static ArgumentException AllNaNSlice() => new(
        "All-NaN slice encountered: nanargmin/nanargmax has no answer for a slice of only NaN. " +
        "Use argmin/argmax (which return the first NaN) or fill NaN first.");

    /// <summary>Checks GEMM operands; returns m, n, k of <c>op(A)[m, k] * op(B)[k, n]</c>.</summary>
    public static (int M, int N, int K) Gemm(bool transposeA, bool transposeB, IDeviceBuffer a, IDeviceBuffer b, IDeviceBuffer c)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        if (a.Shape.Count != 2 || b.Shape.Count != 2 || c.Shape.Count != 2)
        {
            throw new ArgumentException(
                $"GEMM takes 2-D buffers; got A {Shapes.Format(a.Shape)}, B {Shapes.Format(b.Shape)}, C {Shapes.Format(c.Shape)}. " +
                "Reshape batched operands to 2-D blocks.");
        }
        if (a.DType != c.DType || b.DType != c.DType || !c.DType.IsFloatingPoint())
        {
            throw new ArgumentException(
                $"GEMM needs A, B and C of one floating type; got {a.DType}, {b.DType}, {c.DType}. Cast the operands to float32 or float64.");
        }
        var m = transposeA ? a.Shape[1] : a.Shape[0];
        var k = transposeA ? a.Shape[0] : a.Shape[1];
        var kb = transposeB ? b.Shape[1] : b.Shape[0];
        var n = transposeB ? b.Shape[0] : b.Shape[1];
        if (k != kb || c.Shape[0] != m || c.Shape[1] != n)
        {
            throw new ArgumentException(
                $"GEMM shapes do not agree: op(A) is [{m}, {k}], op(B) is [{kb}, {n}], C is {Shapes.Format(c.Shape)}; " +
                $"expected op(B) to have {k} rows and C to be [{m}, {n}]. Check the transpose flags.");
        }
        return (m, n, k);
    }
}
