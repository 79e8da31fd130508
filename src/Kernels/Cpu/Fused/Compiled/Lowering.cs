using Tessera.Kernels.Expressions;
using Tessera.Kernels.Ops;

namespace Tessera.Kernels.Cpu.Fused.Compiled;

/// <summary>
/// Turns an expression into the nest of node structs that computes it (as a closed generic
/// type), assigning input and scalar slots in walk order. The same walk, run without building
/// types, gives a cached kernel's slot bindings for another expression of the same structure
/// (constant values differ between such expressions; their places do not).
/// </summary>
/// <remarks>
/// The walk follows the tree, not the DAG: a node shared by two parents is compiled twice and
/// computed twice per vector, which is correct and, for the cheap nodes, cheaper than a buffer.
/// The one exception is a product of a subexpression with itself, compiled as its square.
/// </remarks>
internal sealed class Lowering<T>(InputMode[] modes, bool buildTypes)
    where T : unmanaged
{
    private static readonly DType Element = DTypes.Of<T>();

    // The node types of a placeholder tree when only the bindings are wanted.
    private static readonly Type Placeholder = typeof(object);

    private readonly Dictionary<int, int> _inputSlots = [];

    /// <summary>Input index per input slot, in slot order.</summary>
    public List<int> InputsBySlot { get; } = [];

    /// <summary>What fills each scalar slot, in slot order.</summary>
    public List<ScalarBinding> Scalars { get; } = [];

    /// <summary>The closed node type computing <paramref name="e"/>, or null if some node has no vector form here.</summary>
    public Type? Lower(Expr e)
    {
        if (e.DType != Element)
        {
            return null;
        }
        return e switch
        {
            InputExpr input => LowerInput(input),
            ConstantExpr constant => ScalarSlot(new ScalarBinding(-1, constant.Value)),
            UnaryExpr u => LowerUnary(u),
            BinaryExpr b => LowerBinary(b),
            _ => null,
        };
    }

    private Type? LowerInput(InputExpr input)
    {
        if (input.Index >= modes.Length)
        {
            return null;
        }
        switch (modes[input.Index])
        {
            case InputMode.Splat:
                return ScalarSlot(new ScalarBinding(input.Index, default));
            case InputMode.Contiguous or InputMode.Strided:
                if (!_inputSlots.TryGetValue(input.Index, out var slot))
                {
                    if (InputsBySlot.Count == VectorFrame<T>.MaxInputs)
                    {
                        return null;
                    }
                    slot = InputsBySlot.Count;
                    InputsBySlot.Add(input.Index);
                    _inputSlots[input.Index] = slot;
                }
                return Make(typeof(InputNode<,>), typeof(T), SlotIndex.Of(slot));
            default:
                return null;
        }
    }

    private Type? ScalarSlot(ScalarBinding binding)
    {
        if (Scalars.Count == VectorFrame<T>.MaxConstants)
        {
            return null;
        }
        Scalars.Add(binding);
        return Make(typeof(ConstantNode<,>), typeof(T), SlotIndex.Of(Scalars.Count - 1));
    }

    private Type? LowerUnary(UnaryExpr u)
    {
        var node = u.Op switch
        {
            _ when u.Op == OpTable.Negate => typeof(NegateNode<,>),
            _ when u.Op == OpTable.Abs => typeof(AbsNode<,>),
            _ when u.Op == OpTable.Sqrt => typeof(SqrtNode<,>),
            _ when u.Op == OpTable.Sin && Element == DType.Float64 => typeof(SinNode<>),
            _ when u.Op == OpTable.Cos && Element == DType.Float64 => typeof(CosNode<>),
            _ => null,
        };
        if (node is null || Lower(u.Operand) is not { } operand)
        {
            return null;
        }
        return node.GetGenericArguments().Length == 1 ? Make(node, operand) : Make(node, typeof(T), operand);
    }

    private Type? LowerBinary(BinaryExpr b)
    {
        // The tile path's specialisation of x ** 2 (FusedProgram.BuildBinary), kept identical:
        // the exponent is not read, so it takes no slot.
        if (b.Op == OpTable.Power && b.Right is ConstantExpr c && c.Value.ToDouble() == 2)
        {
            return Lower(b.Left) is { } squared ? Make(typeof(SquareNode<,>), typeof(T), squared) : null;
        }
        // y * y where both operands are one subexpression (sin(x) * sin(x) in a user's chain):
        // the walk follows the tree, so without this y would be computed twice per vector. The
        // test looks at structure only (so every expression of a cached kernel's structure
        // decides alike) and requires the operand to hold no constant (so equal structure
        // means equal values). x * x and the square are the same IEEE product.
        if (b.Op == OpTable.Multiply && !ContainsConstant(b.Left) && b.Left.Signature.Text == b.Right.Signature.Text)
        {
            return Lower(b.Left) is { } operand ? Make(typeof(SquareNode<,>), typeof(T), operand) : null;
        }
        var node = b.Op switch
        {
            _ when b.Op == OpTable.Add => typeof(AddNode<,,>),
            _ when b.Op == OpTable.Subtract => typeof(SubtractNode<,,>),
            _ when b.Op == OpTable.Multiply => typeof(MultiplyNode<,,>),
            _ when b.Op == OpTable.Divide => typeof(DivideNode<,,>),
            _ when b.Op == OpTable.Minimum => typeof(MinimumNode<,,>),
            _ when b.Op == OpTable.Maximum => typeof(MaximumNode<,,>),
            _ => null,
        };
        if (node is null || Lower(b.Left) is not { } left || Lower(b.Right) is not { } right)
        {
            return null;
        }
        return Make(node, typeof(T), left, right);
    }

    private static bool ContainsConstant(Expr e)
    {
        var found = false;
        ExprWalk.Visit(e, node => found |= node is ConstantExpr);
        return found;
    }

    private Type Make(Type definition, params Type[] arguments) =>
        buildTypes ? definition.MakeGenericType(arguments) : Placeholder;
}

/// <summary>What fills a scalar slot: a constant's value, or the one element of input <see cref="Input"/> (when not -1).</summary>
internal readonly record struct ScalarBinding(int Input, Scalar Value);
