using Tessera.Kernels.Ops.Families;

namespace Tessera.Kernels.Ops;

/// <summary>
/// One elementwise op, defined once: its stable id (part of kernel-cache keys, so never
/// renumber), its name, its arity, its type rule and CPU implementation (the family, generic
/// over the op's operator struct) and the C expression the CUDA/OpenCL generators will emit.
/// </summary>
/// <remarks>
/// <see cref="CExpression"/> uses <c>{0}</c>, <c>{1}</c> for the operands, already cast to the
/// operand type. Functions named <c>tsr_*</c> are NumPy-semantics helpers (floor division, NaN-
/// propagating min/max, ...) that the generators' shared prelude will define; the rest are C99 /
/// OpenCL C / CUDA built-ins overloaded on float and double.
/// </remarks>
internal sealed class OpInfo
{
    private OpInfo(int id, string name, int arity, string cExpression, IUnaryFamily? unary, IBinaryFamily? binary)
    {
        Id = id;
        Name = name;
        Arity = arity;
        CExpression = cExpression;
        Unary = unary;
        Binary = binary;
    }

    public int Id { get; }

    public string Name { get; }

    public int Arity { get; }

    public string CExpression { get; }

    /// <summary>Type rule and implementations when <see cref="Arity"/> is 1.</summary>
    public IUnaryFamily? Unary { get; }

    /// <summary>Type rule and implementations when <see cref="Arity"/> is 2.</summary>
    public IBinaryFamily? Binary { get; }

    public static OpInfo UnaryOp(int id, string name, string cExpression, IUnaryFamily family) =>
        new(id, name, 1, cExpression, family, null);

    public static OpInfo BinaryOp(int id, string name, string cExpression, IBinaryFamily family) =>
        new(id, name, 2, cExpression, null, family);

    /// <summary>
    /// True for ops defined on integer and bool operands only (&amp; | ^ ~ &lt;&lt; &gt;&gt;), which
    /// reject floats as NumPy does; tests that sweep every op over float inputs skip these.
    /// </summary>
    public bool RejectsFloats => Unary is Families.IIntegerOnlyFamily || Binary is Families.IIntegerOnlyFamily;

    public override string ToString() => Name;
}
