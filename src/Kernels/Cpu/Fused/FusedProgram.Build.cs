using Tessera.Kernels.Expressions;
using Tessera.Kernels.Ops;
using Tessera.Kernels.Types;

namespace Tessera.Kernels.Cpu.Fused;

// Turning expression nodes into slots and steps (post-order, so children run first).
internal sealed partial class FusedProgram
{
    private Slot Build(Expr e)
    {
        if (_slots.TryGetValue(e, out var existing))
        {
            return existing;
        }
        var slot = e switch
        {
            InputExpr input => BuildInput(input),
            ConstantExpr constant => BuildConstant(constant),
            UnaryExpr u => BuildUnary(u),
            BinaryExpr b => BuildBinary(b),
            WhereExpr w => BuildWhere(w),
            CastExpr c => BuildCast(c),
            _ => throw new NotSupportedException($"The CPU backend cannot evaluate {e.GetType().Name} nodes."),
        };
        _slots[e] = slot;
        foreach (var child in e.Children)
        {
            Release(child);
        }
        return slot;
    }

    // Counts, for every distinct node, how many parent edges read it.
    private void CountUses(Expr e)
    {
        foreach (var child in e.Children)
        {
            var seen = _uses.TryGetValue(child, out var n);
            _uses[child] = n + 1;
            if (!seen)
            {
                CountUses(child);
            }
        }
    }

    // After a node's last reader is built, its tile buffer can hold a later node's values:
    // steps run in build order on every tile, so the lifetimes never overlap. This keeps the
    // working set to the few tiles live at once, which fit L1, instead of one tile per node.
    private void Release(Expr e)
    {
        if (e is ConstantExpr || !_slots.TryGetValue(e, out var slot) || --_uses[e] > 0)
        {
            return;
        }
        if (!_free.TryGetValue(slot.DType, out var stack))
        {
            _free[slot.DType] = stack = new Stack<Array>();
        }
        stack.Push(slot.Own);
    }

    private Slot BuildInput(InputExpr input)
    {
        if (input.Index >= _inputs.Count)
        {
            throw new ArgumentException(
                $"The expression reads input {input.Index} but {_inputs.Count} input buffer(s) were given. " +
                "Pass one buffer per input index.");
        }
        var buffer = _inputs[input.Index];
        if (buffer.DType != input.DType)
        {
            throw new ArgumentException(
                $"Input {input.Index} is declared {input.DType} in the expression but the buffer holds {buffer.DType}. " +
                "Declare the input with the buffer's type (and cast in the expression if needed).");
        }
        var strides = buffer.ReadStrides(_shape, $"Input {input.Index}");
        var layout = StridedLayout.Create(_shape, strides);
        // A strided view read alone (a reduction of an inner-axis block) is gathered in tiles as
        // long as a contiguous input's, so its consumer groups rows exactly as for the same values
        // in contiguous memory, and results do not depend on where the block lives.
        var alone = ReferenceEquals(input, _rootExpr) && !layout.IsContiguous;
        var slot = NewSlot(input.DType, length: alone ? InPlaceTileLength : TileLength);
        // Slots here are read through Data/Offset, so a tile inside one run of a strided view is aliased.
        _steps.Add(ElementTypeSwitch.Visit<InputSteps, Step>(input.DType, new(buffer, layout, slot)));
        return slot;
    }

    private Slot BuildConstant(ConstantExpr constant)
    {
        // Constants are filled on the first tile only, so their buffer lives for the whole run
        // and must never come from (or go back to) the pool of per-tile buffers.
        var slot = NewSlot(constant.DType, pooled: false);
        var v = constant.Value;
        _steps.Add(ElementTypeSwitch.Visit<ConstantSteps, Step>(constant.DType, new(v, slot, TileLength)));
        return slot;
    }

    private Slot BuildUnary(UnaryExpr u)
    {
        var x = Build(u.Operand);
        var slot = NewSlot(u.DType);
        _steps.Add(u.Op.Unary!.CreateStep(x, slot));
        return slot;
    }

    private Slot BuildBinary(BinaryExpr b)
    {
        var left = Build(b.Left);
        // x ** 2 is common (variances, norms) and pow is ~20x slower than a multiply; squaring
        // is exact in both, so the CPU specialises it without changing the IR or its signature.
        if (b.Op == OpTable.Power && b.Right is ConstantExpr c && b.DType.IsFloatingPoint() && c.Value.ToDouble() == 2)
        {
            var square = NewSlot(b.DType);
            _steps.Add(OpTable.Multiply.Binary!.CreateStep(left, left, square));
            return square;
        }
        var right = Build(b.Right);
        var slot = NewSlot(b.DType);
        _steps.Add(b.Op.Binary!.CreateStep(left, right, slot));
        return slot;
    }

    private Slot BuildWhere(WhereExpr w)
    {
        var condition = (Slot<bool>)Build(w.Condition);
        var a = Build(w.WhenTrue);
        var b = Build(w.WhenFalse);
        var slot = NewSlot(w.DType);
        _steps.Add(ElementTypeSwitch.Visit<WhereSteps, Step>(w.DType, new(condition, a, b, slot)));
        return slot;
    }

    private Slot BuildCast(CastExpr c)
    {
        var x = Build(c.Operand);
        var slot = NewSlot(c.DType);
        _steps.Add(ElementTypeSwitch.Visit<CastSources, Step>(c.Operand.DType, new(x, slot)));
        return slot;
    }

    private Slot NewSlot(DType dtype, bool pooled = true, int length = TileLength)
    {
        var reused = pooled && length == TileLength && _free.TryGetValue(dtype, out var stack) && stack.Count > 0 ? stack.Pop() : null;
        return ElementTypeSwitch.Visit<NewSlots, Slot>(dtype, new(reused, length));
    }

    private readonly struct NewSlots(Array? reused, int length) : IElementTypeVisitor<Slot>
    {
        public Slot Visit<T>() where T : unmanaged => new Slot<T>(reused as T[] ?? new T[length]);
    }

    private readonly struct ConstantSteps(Scalar value, Slot slot, int tileLength) : IElementTypeVisitor<Step>
    {
        public Step Visit<T>() where T : unmanaged => new ConstantStep<T>(value.As<T>(), (Slot<T>)slot, tileLength);
    }

    private readonly struct WhereSteps(Slot<bool> condition, Slot a, Slot b, Slot result) : IElementTypeVisitor<Step>
    {
        public Step Visit<T>() where T : unmanaged => new WhereStep<T>(condition, (Slot<T>)a, (Slot<T>)b, (Slot<T>)result);
    }

    // A cast dispatches twice: on the source type here, then on the target type.
    private readonly struct CastSources(Slot x, Slot result) : IElementTypeVisitor<Step>
    {
        public Step Visit<T>() where T : unmanaged => ElementTypeSwitch.Visit<CastTargets<T>, Step>(result.DType, new((Slot<T>)x, result));
    }

    private readonly struct CastTargets<TFrom>(Slot<TFrom> x, Slot result) : IElementTypeVisitor<Step>
    {
        public Step Visit<T>() where T : unmanaged => new CastStep<TFrom, T>(x, (Slot<T>)result);
    }

    private readonly struct InputSteps(CpuBuffer buffer, StridedLayout layout, Slot slot) : IElementTypeVisitor<Step>
    {
        public Step Visit<T>() where T : unmanaged => new InputStep<T>((CpuBuffer<T>)buffer, layout, (Slot<T>)slot, aliasRuns: true);
    }
}
