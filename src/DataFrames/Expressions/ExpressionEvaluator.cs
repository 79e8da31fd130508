using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.DataFrames.Columns;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Ops;

namespace Tessera.DataFrames.Expressions;

/// <summary>
/// Evaluates a column expression over one partition. The numeric part of the tree becomes one
/// Kernels expression, run as one fused elementwise kernel on the run's device, whatever its
/// depth: <c>df["a"] * 2 + df["b"] &gt; 0</c> reads a and b once and writes the mask once. Parts
/// the kernels cannot compute (string comparisons, string functions) run first on the host and
/// enter the kernel as inputs. Nulls follow pandas: arithmetic with a null is null (the result's
/// validity is the AND of its operands'), a comparison with a null is false (true for !=), and
/// FillNull/IsNull fold validity into the kernel as a boolean input.
/// </summary>
internal sealed partial class ExpressionEvaluator
{
    private readonly Frame? _frame;
    private readonly Schema _schema;
    private readonly int _length;
    private readonly List<object> _inputs = [];
    private readonly List<DType> _inputTypes = [];
    private readonly Dictionary<string, int> _columnInputs = new(StringComparer.Ordinal);

    private ExpressionEvaluator(Schema schema, Frame? frame)
    {
        _schema = schema;
        _frame = frame;
        _length = frame?.RowCount ?? 0;
    }

    // What a node lowered to: a kernel expression (numeric) or a host array (strings), its Arrow
    // type, and the arrays whose nulls make it null.
    private readonly record struct Lowered(Expr? Kernel, IArrowArray? Host, IArrowType Type, IReadOnlyList<IArrowArray> Validity, object? Literal = null);

    /// <summary>The Arrow type <paramref name="expression"/> has over a frame of <paramref name="schema"/>.</summary>
    public static IArrowType TypeOf(ColumnExpr expression, Schema schema) =>
        new ExpressionEvaluator(schema, null).Lower(expression).Type;

    /// <summary>The expression's values over <paramref name="frame"/>, computed on <paramref name="backend"/>.</summary>
    public static IArrowArray Evaluate(ColumnExpr expression, Frame frame, IComputeBackend backend)
    {
        if (expression is ColumnRef column)
        {
            return frame.Column(frame.IndexOf(column.Name));
        }
        var evaluator = new ExpressionEvaluator(frame.Schema, frame);
        var root = evaluator.Lower(expression);
        return evaluator.Materialize(root, backend);
    }

    private Lowered Lower(ColumnExpr expression) => expression switch
    {
        ColumnRef c => LowerColumn(c.Name),
        LiteralExpr l => LowerLiteral(l.Value),
        BinaryColumnExpr b => LowerBinary(b),
        UnaryColumnExpr u => LowerUnary(u),
        FillNullExpr f => LowerFillNull(f),
        CastColumnExpr c => LowerCast(c),
        HostExpr h => LowerHost(h),
        _ => throw new NotSupportedException($"Unknown column expression {expression.GetType().Name}."),
    };

    private Lowered LowerColumn(string name)
    {
        var index = _schema.GetFieldIndex(name);
        if (index < 0)
        {
            throw Frame.MissingColumn(name, _schema.FieldsList.Select(f => f.Name));
        }
        var type = _schema.GetFieldByIndex(index).DataType;
        var array = _frame?.Column(index);
        IReadOnlyList<IArrowArray> validity = array is { NullCount: > 0 } ? [array] : [];
        if (ArrowDTypes.KernelType(type) is not { } dtype)
        {
            return new Lowered(null, array, type, validity);
        }
        if (!_columnInputs.TryGetValue(name, out var input))
        {
            input = AddInput(dtype, () => KernelValues(array!, dtype));
            _columnInputs[name] = input;
        }
        return new Lowered(Ex.Input(input, dtype), null, type, validity);
    }

    private static Lowered LowerLiteral(object value)
    {
        var type = ArrowDTypes.OfLiteral(value);
        Expr? kernel = value switch
        {
            double d => Ex.Constant(d),
            float f => Ex.Constant(f),
            long l => Ex.Constant(l),
            int i => Ex.Constant((long)i),
            bool b => Ex.Constant(b),
            _ => null,
        };
        return new Lowered(kernel, null, type, [], value);
    }

    private Lowered LowerBinary(BinaryColumnExpr b)
    {
        var left = Lower(b.Left);
        var right = Lower(b.Right);
        if (left.Type.TypeId == ArrowTypeId.String || right.Type.TypeId == ArrowTypeId.String)
        {
            return LowerStringComparison(b, left, right);
        }
        (left, right) = (Timestamps(left, right), Timestamps(right, left));
        if (left.Kernel is null || right.Kernel is null)
        {
            throw new ArgumentException($"{b.Op} cannot combine {left.Type.Name} and {right.Type.Name} ({b}).");
        }
        if (!b.IsComparison && (IsTemporal(left.Type) || IsTemporal(right.Type)))
        {
            throw new NotSupportedException(
                $"Arithmetic on date-time columns is not supported ({b}); compare them with a DateTime, or take parts with Dt.");
        }
        var kernel = Ex.Binary(OpOf(b.Op), left.Kernel, right.Kernel);
        var validity = left.Validity.Concat(right.Validity).Distinct().ToArray();
        if (b.IsComparison && validity.Length > 0)
        {
            var valid = AddInput(DType.Bool, () => ValidFlags(validity, negate: false));
            kernel = b.Op == BinaryColumnOp.NotEqual
                ? Ex.Or(kernel, Ex.Not(Ex.Input(valid, DType.Bool)))
                : Ex.And(kernel, Ex.Input(valid, DType.Bool));
            validity = [];
        }
        return new Lowered(kernel, null, ArrowDTypes.ArrowType(kernel.DType), validity);
    }

    private Lowered LowerStringComparison(BinaryColumnExpr b, Lowered left, Lowered right)
    {
        if (!b.IsComparison)
        {
            throw new NotSupportedException(
                $"{b.Op} is not defined for strings ({b}); strings can be compared, and changed with the Str functions.");
        }
        if (left.Type.TypeId != ArrowTypeId.String || right.Type.TypeId != ArrowTypeId.String)
        {
            throw new ArgumentException($"A string column can be compared only with a string or another string column ({b}).");
        }
        var input = AddInput(DType.Bool, () => (left.Literal, right.Literal) switch
        {
            (null, string s) => StringComparisons.Compare(left.Host!, s, b.Op),
            (string s, null) => StringComparisons.Compare(right.Host!, s, StringComparisons.Swap(b.Op)),
            (null, null) => StringComparisons.Compare(left.Host!, right.Host!, b.Op),
            _ => throw new ArgumentException($"Compare a column, not two constants ({b})."),
        });
        return new Lowered(Ex.Input(input, DType.Bool), null, BooleanType.Default, []);
    }

    // A DateTime literal next to a timestamp column becomes the column's integer unit.
    private static Lowered Timestamps(Lowered side, Lowered other)
    {
        if (side.Literal is not DateTime when)
        {
            return side;
        }
        var value = DateTimeLiterals.ToColumnUnit(when, other.Type);
        return other.Type is Date32Type
            ? new Lowered(Ex.Typed(Scalar.Int32((int)value)), null, other.Type, [])
            : new Lowered(Ex.Typed(Scalar.Int64(value)), null, other.Type, []);
    }

    private Lowered LowerUnary(UnaryColumnExpr u)
    {
        var operand = Lower(u.Operand);
        if (u.Op is UnaryColumnOp.IsNull or UnaryColumnOp.NotNull)
        {
            var validity = operand.Validity;
            var input = AddInput(DType.Bool, () => ValidFlags(validity, negate: u.Op == UnaryColumnOp.IsNull));
            return new Lowered(Ex.Input(input, DType.Bool), null, BooleanType.Default, []);
        }
        if (operand.Kernel is null || IsTemporal(operand.Type))
        {
            throw new NotSupportedException($"{u.Op} needs a numeric or boolean column; this one is {operand.Type.Name} ({u}).");
        }
        var kernel = u.Op switch
        {
            UnaryColumnOp.Negate => Ex.Unary(OpTable.Negate, operand.Kernel),
            UnaryColumnOp.Abs => Ex.Abs(operand.Kernel),
            _ => Ex.Not(operand.Kernel),
        };
        return new Lowered(kernel, null, ArrowDTypes.ArrowType(kernel.DType), operand.Validity);
    }

    private Lowered LowerFillNull(FillNullExpr f)
    {
        var operand = Lower(f.Operand);
        if (operand.Validity.Count == 0)
        {
            return operand;
        }
        if (operand.Kernel is null)
        {
            if (f.Value.Value is not string text)
            {
                throw new ArgumentException($"Nulls of a string column are filled with a string, not {f.Value.Value.GetType().Name}.");
            }
            var host = operand.Host is { } array ? FillStrings(array, text) : null;
            return new Lowered(null, host, operand.Type, []);
        }
        var value = LowerLiteral(f.Value.Value);
        if (value.Kernel is null)
        {
            throw new ArgumentException($"Nulls of a {operand.Type.Name} column are filled with a number or bool, not '{f.Value.Value}'.");
        }
        var validity = operand.Validity;
        var valid = AddInput(DType.Bool, () => ValidFlags(validity, negate: false));
        var kernel = Ex.Where(Ex.Input(valid, DType.Bool), operand.Kernel, value.Kernel);
        return new Lowered(kernel, null, IsTemporal(operand.Type) ? operand.Type : ArrowDTypes.ArrowType(kernel.DType), []);
    }

    private Lowered LowerCast(CastColumnExpr c)
    {
        var operand = Lower(c.Operand);
        if (c.Type.TypeId == ArrowTypeId.String)
        {
            IArrowArray? host = null;
            if (_frame is not null)
            {
                var sub = new ExpressionEvaluator(_schema, _frame);
                var values = sub.Materialize(sub.Lower(c.Operand), CpuBackend.Instance);
                host = ArrowColumns.Strings([.. Enumerable.Range(0, _length).Select(i => FormatValue(ArrowColumns.GetValue(values, i)))]);
            }
            return new Lowered(null, host, StringType.Default, []);
        }
        if (ArrowDTypes.KernelType(c.Type) is not { } dtype || operand.Kernel is null)
        {
            throw new NotSupportedException(
                $"Cannot cast {operand.Type.Name} to {c.Type.Name}; casts go between int32, int64, float, double and bool, or to string.");
        }
        return new Lowered(Ex.Cast(operand.Kernel, dtype), null, ArrowDTypes.ArrowType(dtype), operand.Validity);
    }

    private Lowered LowerHost(HostExpr h)
    {
        var operandType = TypeOf(h.Operand, _schema);
        var type = h.ResultType(operandType);
        if (_frame is null)
        {
            return ArrowDTypes.KernelType(type) is { } t
                ? new Lowered(Ex.Input(AddInput(t, () => null!), t), null, type, [])
                : new Lowered(null, null, type, []);
        }
        var sub = new ExpressionEvaluator(_schema, _frame);
        var operand = sub.Materialize(sub.Lower(h.Operand), CpuBackend.Instance);
        var result = h.Function(operand);
        IReadOnlyList<IArrowArray> validity = result.NullCount > 0 ? [result] : [];
        if (ArrowDTypes.KernelType(result.Data.DataType) is { } dtype)
        {
            var input = AddInput(dtype, () => KernelValues(result, dtype));
            return new Lowered(Ex.Input(input, dtype), null, result.Data.DataType, validity);
        }
        return new Lowered(null, result, result.Data.DataType, validity);
    }

    private int AddInput(DType dtype, Func<object> values)
    {
        _inputs.Add(_frame is null ? null! : values());
        _inputTypes.Add(dtype);
        return _inputs.Count - 1;
    }

    private static bool IsTemporal(IArrowType type) => type.TypeId is ArrowTypeId.Timestamp or ArrowTypeId.Date32;

    private static OpInfo OpOf(BinaryColumnOp op) => op switch
    {
        BinaryColumnOp.Add => OpTable.Add,
        BinaryColumnOp.Subtract => OpTable.Subtract,
        BinaryColumnOp.Multiply => OpTable.Multiply,
        BinaryColumnOp.Divide => OpTable.Divide,
        BinaryColumnOp.Remainder => OpTable.Remainder,
        BinaryColumnOp.FloorDivide => OpTable.FloorDivide,
        BinaryColumnOp.Power => OpTable.Power,
        BinaryColumnOp.Equal => OpTable.Equal,
        BinaryColumnOp.NotEqual => OpTable.NotEqual,
        BinaryColumnOp.Less => OpTable.Less,
        BinaryColumnOp.LessEqual => OpTable.LessEqual,
        BinaryColumnOp.Greater => OpTable.Greater,
        BinaryColumnOp.GreaterEqual => OpTable.GreaterEqual,
        BinaryColumnOp.And => OpTable.And,
        _ => OpTable.Or,
    };
}
