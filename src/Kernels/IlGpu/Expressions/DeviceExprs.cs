using ILGPU;
using ILGPU.Runtime;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Kernels.Cpu.Fused;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Ops;

namespace Tessera.Kernels.IlGpu.Expressions;

/// <summary>
/// Lowers an <see cref="Expr"/> to a nested generic struct (<see cref="IDeviceExpr{T}"/>) that an
/// ILGPU kernel is specialised on. The entry point for every ILGPU kernel that evaluates an
/// expression: elementwise maps and reduction prologues.
/// </summary>
/// <remarks>
/// Types follow the IR exactly as the CPU backend evaluates it: every node's operands already have
/// the op's operand type (the <see cref="Ex"/> factories inserted casts), so a node applies its
/// family's op struct at its operand type; casts convert by <see cref="Ops.Convert"/>'s rules
/// (<see cref="DeviceConversions"/>); bool is a byte holding 0 or 1. Ops whose CPU Apply ILGPU
/// cannot compile run as their device-safe twins (<see cref="DeviceOps"/>); <c>x ** 2</c> on
/// floats is one multiply, as on the CPU.
/// </remarks>
internal static class DeviceExprs
{
    /// <summary>
    /// Lowers <paramref name="expression"/> for one launch over <paramref name="iterationShape"/>.
    /// </summary>
    /// <param name="expression">The expression; <c>InputExpr(i)</c> reads <paramref name="inputs"/>[i].</param>
    /// <param name="inputs">
    /// The input buffers, all of one backend, each broadcast NumPy-style (right-aligned; size-1 and
    /// missing axes repeat) to <paramref name="iterationShape"/>.
    /// </param>
    /// <param name="iterationShape">
    /// The shape the kernel's flat index runs over (row-major): the output's shape for an
    /// elementwise map, the inputs' broadcast shape for a reduction prologue.
    /// </param>
    /// <returns>
    /// The struct type (<see cref="DeviceExpr.StructType"/>, also the compiled-kernel cache key),
    /// the instance to pass to the kernel, the result type and a readable key. Dispose it after
    /// issuing the kernels (it may own small layout buffers; see <see cref="DeviceExpr"/>).
    /// </returns>
    /// <exception cref="ArgumentException">
    /// An input is missing, of another type than the expression declares, or does not broadcast to
    /// the iteration shape (the message names the shapes).
    /// </exception>
    public static DeviceExpr Build(Expr expression, IReadOnlyList<IlGpuBuffer> inputs, int[] iterationShape)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(iterationShape);
        BackendChecks.Inputs(expression, inputs);
        RequireDeviceTypes(expression);
        var lowering = new Lowering(inputs, iterationShape);
        var root = lowering.Lower(expression);
        return new DeviceExpr(root.Type, root.Value, expression.DType, root.Key, lowering.Accelerator, lowering.Owned, [.. inputs]);
    }

    // A node of a type the device has no kernels for (sin of a bool array is float16, as in NumPy)
    // is refused before any kernel is built, with the way out.
    private static void RequireDeviceTypes(Expr expression)
    {
        DType? unheld = null;
        ExprWalk.Visit(expression, n => unheld ??= IlGpuBuffer.Holds(n.DType) ? null : n.DType);
        if (unheld is { } type)
        {
            throw new NotSupportedException(
                $"The expression {expression} computes {type.NumPyName()} values, which the GPU backend does not hold " +
                $"(it holds float32, float64, int32, int64 and bool). Compute it with new ComputeOptions {{ Device = Device.Cpu }}, " +
                "or cast the operands first (Astype<float>() before sin of a bool or int8 array).");
        }
    }

    /// <summary>A short name of a type for cache keys.</summary>
    internal static string Code(DType dtype) => dtype switch
    {
        DType.Float32 => "f32",
        DType.Float64 => "f64",
        DType.Int32 => "i32",
        DType.Int64 => "i64",
        DType.Bool => "b",
        _ => dtype.ToString(),
    };

    private readonly record struct Node(Type Type, object Value, string Key);

    private sealed class Lowering(IReadOnlyList<IlGpuBuffer> inputs, int[] shape)
    {
        private readonly Dictionary<int, Node> _leaves = [];

        public Accelerator? Accelerator { get; private set; }

        public List<MemoryBuffer> Owned { get; } = [];

        public Node Lower(Expr e) => e switch
        {
            InputExpr input => Input(input),
            ConstantExpr constant => Constant(constant),
            UnaryExpr u => Unary(u),
            BinaryExpr b => Binary(b),
            WhereExpr w => Where(w),
            CastExpr c => Cast(c),
            _ => throw new NotSupportedException($"The ILGPU backend cannot evaluate {e.GetType().Name} nodes."),
        };

        private static Node Make(Type definition, Type[] arguments, string key, params Node[] children)
        {
            var type = definition.MakeGenericType(arguments);
            var value = Activator.CreateInstance(type, children.Select(c => c.Value).ToArray())
                ?? throw new InvalidOperationException($"Could not create {type}.");
            return new Node(type, value, key);
        }

        private static Type Storage(DType dtype) => IlGpuBuffer.Storage(dtype);

        private Node Input(InputExpr input)
        {
            if (_leaves.TryGetValue(input.Index, out var existing))
            {
                return existing;
            }
            var buffer = inputs[input.Index];
            Accelerator ??= buffer.Owner.Accelerator;
            var strides = Shapes.BroadcastStrides(buffer.Shape, shape, $"Input {input.Index}");
            var layout = StridedLayout.Create(shape, strides);
            var key = $"in{input.Index}:{Code(input.DType)}";
            var t = Storage(input.DType);
            Node node;
            if (layout.IsContiguous)
            {
                node = Leaf(typeof(DenseLeaf<>), t, $"{key}:dense", buffer);
            }
            else if (layout.Strides.All(s => s == 0))
            {
                node = Leaf(typeof(ScalarLeaf<>), t, $"{key}:scalar", buffer);
            }
            else if (layout.Extents.Length <= DeviceLayout.MaxRank)
            {
                var fixedLayout = new DeviceLayout(layout.Extents, [.. layout.Strides.Select(s => (int)s)]);
                node = Leaf(typeof(StridedLeaf<>), t, $"{key}:strided", buffer, fixedLayout);
            }
            else
            {
                node = Gather(t, $"{key}:gather", buffer, layout);
            }
            _leaves[input.Index] = node;
            return node;
        }

        private static Node Leaf(Type definition, Type t, string key, IlGpuBuffer buffer, params object[] extra)
        {
            var type = definition.MakeGenericType(t);
            object[] args = [View(buffer), .. extra];
            return new Node(type, Activator.CreateInstance(type, args)!, key);
        }

        // The layout goes to device memory, innermost axis first: extents, then strides.
        private Node Gather(Type t, string key, IlGpuBuffer buffer, StridedLayout layout)
        {
            var rank = layout.Extents.Length;
            var host = new int[2 * rank];
            for (var k = 0; k < rank; k++)
            {
                host[k] = layout.Extents[rank - 1 - k];
                host[rank + k] = (int)layout.Strides[rank - 1 - k];
            }
            var memory = buffer.Owner.Accelerator.Allocate1D(host);
            Owned.Add(memory);
            var type = typeof(GatherLeaf<>).MakeGenericType(t);
            return new Node(type, Activator.CreateInstance(type, View(buffer), memory.View.AsContiguous(), rank)!, key);
        }

        private static object View(IlGpuBuffer buffer) => buffer.DType switch
        {
            DType.Float32 => buffer.View<float>().AsContiguous(),
            DType.Float64 => buffer.View<double>().AsContiguous(),
            DType.Int32 => buffer.View<int>().AsContiguous(),
            DType.Int64 => buffer.View<long>().AsContiguous(),
            DType.Bool => buffer.View<byte>().AsContiguous(),
            _ => throw new NotSupportedException($"{buffer} holds {buffer.DType}, which the ILGPU backend has no kernels for."),
        };

        private static Node Constant(ConstantExpr constant)
        {
            var v = constant.Value;
            object value = v.DType switch
            {
                DType.Float32 => new Const<float>(v.As<float>()),
                DType.Float64 => new Const<double>(v.As<double>()),
                DType.Int32 => new Const<int>(v.As<int>()),
                DType.Int64 => new Const<long>(v.As<long>()),
                _ => new Const<byte>(v.As<bool>() ? (byte)1 : (byte)0),
            };
            return new Node(value.GetType(), value, $"k:{Code(v.DType)}");
        }

        private Node Unary(UnaryExpr u)
        {
            var x = Lower(u.Operand);
            var t = Storage(u.Operand.DType);
            var key = $"{u.Op.Name}:{Code(u.DType)}({x.Key})";
            var op = u.Op.Unary!.OperatorType;
            if (op is null)
            {
                return Make(typeof(LogicalNot<>), [x.Type], key, x);
            }
            op = DeviceOps.For(op);
            if (typeof(IBitwiseUnaryOp).IsAssignableFrom(op))
            {
                return u.Operand.DType == DType.Bool
                    ? Make(typeof(LogicalNot<>), [x.Type], key, x)
                    : Make(typeof(BitwiseUnary<,,>), [t, op, x.Type], key, x);
            }
            var isFloat = u.Operand.DType.IsFloatingPoint();
            var definition =
                typeof(IFloatUnaryOp).IsAssignableFrom(op) ? typeof(FloatUnary<,,>)
                : typeof(INumericUnaryOp).IsAssignableFrom(op) ? (isFloat ? typeof(NumericUnaryFloat<,,>) : typeof(NumericUnaryInteger<,,>))
                : typeof(IPredicateOp).IsAssignableFrom(op) ? (isFloat ? typeof(PredicateFloat<,,>) : typeof(PredicateInteger<,,>))
                : throw new NotSupportedException($"Unary op {u.Op.Name} has operator struct {op.Name} of no known family.");
            return Make(definition, [t, op, x.Type], key, x);
        }

        private Node Binary(BinaryExpr b)
        {
            var t = Storage(b.Left.DType);
            var left = Lower(b.Left);
            if (b.Op == OpTable.Power && b.Right is ConstantExpr c && b.DType.IsFloatingPoint() && c.Value.ToDouble() == 2)
            {
                return Make(typeof(Square<,>), [t, left.Type], $"square:{Code(b.DType)}({left.Key})", left);
            }
            var right = Lower(b.Right);
            var key = $"{b.Op.Name}:{Code(b.DType)}({left.Key},{right.Key})";
            var op = DeviceOps.For(b.Op.Binary!.OperatorType
                ?? throw new NotSupportedException($"Binary op {b.Op.Name} has no operator struct."));
            if (typeof(ILogicalOp).IsAssignableFrom(op))
            {
                return Make(typeof(Logical<,,>), [op, left.Type, right.Type], key, left, right);
            }
            var definition =
                typeof(IBitwiseOp).IsAssignableFrom(op) ? typeof(Bitwise<,,,>)
                : typeof(INumericBinaryOp).IsAssignableFrom(op) ? (b.Left.DType.IsFloatingPoint() ? typeof(NumericBinaryFloat<,,,>) : typeof(NumericBinaryInteger<,,,>))
                : typeof(IFloatBinaryOp).IsAssignableFrom(op) ? typeof(FloatBinary<,,,>)
                : typeof(ICompareOp).IsAssignableFrom(op) ? typeof(Compare<,,,>)
                : throw new NotSupportedException($"Binary op {b.Op.Name} has operator struct {op.Name} of no known family.");
            return Make(definition, [t, op, left.Type, right.Type], key, left, right);
        }

        private Node Where(WhereExpr w)
        {
            var condition = Lower(w.Condition);
            var a = Lower(w.WhenTrue);
            var b = Lower(w.WhenFalse);
            return Make(typeof(Where<,,,>), [Storage(w.DType), condition.Type, a.Type, b.Type],
                $"where:{Code(w.DType)}({condition.Key},{a.Key},{b.Key})", condition, a, b);
        }

        private Node Cast(CastExpr c)
        {
            var x = Lower(c.Operand);
            var conversion = DeviceConversions.For(c.Operand.DType, c.DType);
            return Make(typeof(Cast<,,,>), [Storage(c.Operand.DType), Storage(c.DType), conversion, x.Type],
                $"cast:{Code(c.DType)}({x.Key})", x);
        }
    }
}
