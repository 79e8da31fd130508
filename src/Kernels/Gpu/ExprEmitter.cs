using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Gpu;

/// <summary>
/// Turns an expression tree into one C device function,
/// <c>T tsr_eval(in0, off0, in1, off1, ..., k0, k1, ...)</c>: input k is read at element offset
/// <c>offk</c>, constants are parameters (never literals, so <c>x*2</c> and <c>x*3</c> share a
/// kernel). Each node becomes one local variable; a node object shared by two parents is
/// evaluated once. Both the elementwise and the reduction generators call this function.
/// </summary>
internal sealed partial class ExprEmitter
{
    private readonly CDialect _d;
    private readonly CHelpers _helpers;
    private readonly StringBuilder _body = new();
    private readonly Dictionary<Expr, string> _names = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ConstantExpr, int> _constantIndex = new(ReferenceEqualityComparer.Instance);
    private int _next;

    private ExprEmitter(Expr root, CDialect dialect, CHelpers helpers)
    {
        _d = dialect;
        _helpers = helpers;
        Constants = ExprWalk.Constants(root);
        for (var i = 0; i < Constants.Count; i++)
        {
            _constantIndex.TryAdd(Constants[i], i);
        }
        InputTypes = new DType?[ExprWalk.InputCount(root)];
        ExprWalk.Visit(root, e =>
        {
            UsesDouble |= e.DType == DType.Float64;
            if (e is InputExpr input)
            {
                InputTypes[input.Index] = input.DType;
            }
        });
    }

    /// <summary>Element type of each input index; null where the expression never reads that index.</summary>
    public DType?[] InputTypes { get; }

    /// <summary>The constants in kernel-parameter order (<see cref="ExprWalk.Constants"/>).</summary>
    public IReadOnlyList<ConstantExpr> Constants { get; }

    public bool UsesDouble { get; private set; }

    /// <summary>The <c>tsr_eval</c> definition.</summary>
    public string Function { get; private set; } = string.Empty;

    /// <summary>Emits <paramref name="root"/>; helper definitions it needs go to <paramref name="helpers"/>.</summary>
    public static ExprEmitter Emit(Expr root, CDialect dialect, CHelpers helpers)
    {
        ArgumentNullException.ThrowIfNull(root);
        var emitter = new ExprEmitter(root, dialect, helpers);
        var result = emitter.Node(root);
        var parameters = new List<string>();
        for (var k = 0; k < emitter.InputTypes.Length; k++)
        {
            parameters.Add($"{dialect.GlobalPointer(emitter.InputType(k), isConst: true)} in{k}");
            parameters.Add($"{dialect.Long} off{k}");
        }
        parameters.AddRange(emitter.ConstantParameters());
        emitter.Function =
            $"{dialect.FunctionQualifier} {dialect.Type(root.DType)} tsr_eval({string.Join(", ", parameters)})\n{{\n" +
            $"{emitter._body}    return {result};\n}}\n";
        return emitter;
    }

    /// <summary>The C element type of input <paramref name="k"/> (bytes for an unread index).</summary>
    public string InputType(int k) => _d.Type(InputTypes[k] ?? DType.Bool);

    /// <summary><c>T kj</c> for each constant, for parameter lists.</summary>
    public IEnumerable<string> ConstantParameters() => Constants.Select((c, j) => $"{_d.Type(c.DType)} k{j}");

    /// <summary>The call <c>tsr_eval(in0, off0, ..., k0, ...)</c> with offsets named <c>off{k}</c>.</summary>
    public string Call()
    {
        var args = new List<string>();
        for (var k = 0; k < InputTypes.Length; k++)
        {
            args.Add($"in{k}");
            args.Add($"off{k}");
        }
        args.AddRange(Constants.Select((_, j) => $"k{j}"));
        return $"tsr_eval({string.Join(", ", args)})";
    }

    private string Node(Expr e)
    {
        if (e is ConstantExpr c)
        {
            return $"k{_constantIndex[c]}";
        }
        if (_names.TryGetValue(e, out var known))
        {
            return known;
        }
        var value = e switch
        {
            InputExpr input => $"in{input.Index}[off{input.Index}]",
            UnaryExpr u => Apply(u.Op.CExpression, u.Operand.DType, Node(u.Operand)),
            BinaryExpr b => Apply(b.Op.CExpression, b.Left.DType, Node(b.Left), Node(b.Right)),
            WhereExpr w => $"({Node(w.Condition)} ? {Node(w.WhenTrue)} : {Node(w.WhenFalse)})",
            CastExpr cast => Cast(Node(cast.Operand), cast.Operand.DType, cast.DType),
            _ => throw new NotSupportedException($"Unknown expression node {e.GetType().Name}; the GPU generator handles inputs, constants, unary, binary, where and cast."),
        };
        var name = $"t{_next++}";
        var type = _d.Type(e.DType);
        _body.Append(CultureInfo.InvariantCulture, $"    {type} {name} = ({type})({value});\n");
        _names[e] = name;
        return name;
    }

    private string Apply(string template, DType operandType, params string[] operands)
    {
        foreach (Match m in HelperName().Matches(template))
        {
            _helpers.Require(m.Value, operandType);
        }
        return string.Format(CultureInfo.InvariantCulture, template, operands);
    }

    // The rules of Ops.Convert: to bool is x != 0 (NaN is true), float to integer saturates.
    private string Cast(string x, DType from, DType to)
    {
        if (to == DType.Bool)
        {
            return $"{x} != 0";
        }
        if (from.IsFloatingPoint() && to.IsInteger())
        {
            var helper = to == DType.Int32 ? "tsr_to_int" : "tsr_to_long";
            _helpers.Require(helper, from);
            return $"{helper}({x})";
        }
        return x;
    }

    [GeneratedRegex(@"tsr_[a-z0-9_]+")]
    private static partial Regex HelperName();
}
