using Tessera.DataFrames.Expressions;

namespace Tessera.DataFrames;

public sealed partial class Column
{
#pragma warning disable CS1591 // The operators are documented once, on the class: they build expressions as pandas' do.
    public static Column operator +(Column a, Column b) => Combine(BinaryColumnOp.Add, a, b);
    public static Column operator -(Column a, Column b) => Combine(BinaryColumnOp.Subtract, a, b);
    public static Column operator *(Column a, Column b) => Combine(BinaryColumnOp.Multiply, a, b);
    public static Column operator /(Column a, Column b) => Combine(BinaryColumnOp.Divide, a, b);
    public static Column operator %(Column a, Column b) => Combine(BinaryColumnOp.Remainder, a, b);
    public static Column operator ==(Column a, Column b) => Combine(BinaryColumnOp.Equal, a, b);
    public static Column operator !=(Column a, Column b) => Combine(BinaryColumnOp.NotEqual, a, b);
    public static Column operator <(Column a, Column b) => Combine(BinaryColumnOp.Less, a, b);
    public static Column operator <=(Column a, Column b) => Combine(BinaryColumnOp.LessEqual, a, b);
    public static Column operator >(Column a, Column b) => Combine(BinaryColumnOp.Greater, a, b);
    public static Column operator >=(Column a, Column b) => Combine(BinaryColumnOp.GreaterEqual, a, b);
    public static Column operator &(Column a, Column b) => Combine(BinaryColumnOp.And, a, b);
    public static Column operator |(Column a, Column b) => Combine(BinaryColumnOp.Or, a, b);
    public static Column operator !(Column a) => new(a.Source, new UnaryColumnExpr(UnaryColumnOp.Not, a.Expression), a.Name);
    public static Column operator -(Column a) => new(a.Source, new UnaryColumnExpr(UnaryColumnOp.Negate, a.Expression), a.Name);

    public static Column operator +(Column a, double b) => With(BinaryColumnOp.Add, a, b);
    public static Column operator -(Column a, double b) => With(BinaryColumnOp.Subtract, a, b);
    public static Column operator *(Column a, double b) => With(BinaryColumnOp.Multiply, a, b);
    public static Column operator /(Column a, double b) => With(BinaryColumnOp.Divide, a, b);
    public static Column operator +(double a, Column b) => With(BinaryColumnOp.Add, a, b);
    public static Column operator -(double a, Column b) => With(BinaryColumnOp.Subtract, a, b);
    public static Column operator *(double a, Column b) => With(BinaryColumnOp.Multiply, a, b);
    public static Column operator /(double a, Column b) => With(BinaryColumnOp.Divide, a, b);
    public static Column operator +(Column a, long b) => With(BinaryColumnOp.Add, a, b);
    public static Column operator -(Column a, long b) => With(BinaryColumnOp.Subtract, a, b);
    public static Column operator *(Column a, long b) => With(BinaryColumnOp.Multiply, a, b);
    public static Column operator /(Column a, long b) => With(BinaryColumnOp.Divide, a, b);
    public static Column operator %(Column a, long b) => With(BinaryColumnOp.Remainder, a, b);
    public static Column operator +(long a, Column b) => With(BinaryColumnOp.Add, a, b);
    public static Column operator -(long a, Column b) => With(BinaryColumnOp.Subtract, a, b);
    public static Column operator *(long a, Column b) => With(BinaryColumnOp.Multiply, a, b);

    public static Column operator ==(Column a, double b) => With(BinaryColumnOp.Equal, a, b);
    public static Column operator !=(Column a, double b) => With(BinaryColumnOp.NotEqual, a, b);
    public static Column operator <(Column a, double b) => With(BinaryColumnOp.Less, a, b);
    public static Column operator <=(Column a, double b) => With(BinaryColumnOp.LessEqual, a, b);
    public static Column operator >(Column a, double b) => With(BinaryColumnOp.Greater, a, b);
    public static Column operator >=(Column a, double b) => With(BinaryColumnOp.GreaterEqual, a, b);
    public static Column operator ==(Column a, long b) => With(BinaryColumnOp.Equal, a, b);
    public static Column operator !=(Column a, long b) => With(BinaryColumnOp.NotEqual, a, b);
    public static Column operator <(Column a, long b) => With(BinaryColumnOp.Less, a, b);
    public static Column operator <=(Column a, long b) => With(BinaryColumnOp.LessEqual, a, b);
    public static Column operator >(Column a, long b) => With(BinaryColumnOp.Greater, a, b);
    public static Column operator >=(Column a, long b) => With(BinaryColumnOp.GreaterEqual, a, b);
    public static Column operator ==(Column a, string b) => With(BinaryColumnOp.Equal, a, b);
    public static Column operator !=(Column a, string b) => With(BinaryColumnOp.NotEqual, a, b);
    public static Column operator <(Column a, string b) => With(BinaryColumnOp.Less, a, b);
    public static Column operator <=(Column a, string b) => With(BinaryColumnOp.LessEqual, a, b);
    public static Column operator >(Column a, string b) => With(BinaryColumnOp.Greater, a, b);
    public static Column operator >=(Column a, string b) => With(BinaryColumnOp.GreaterEqual, a, b);
    public static Column operator ==(Column a, DateTime b) => With(BinaryColumnOp.Equal, a, b);
    public static Column operator !=(Column a, DateTime b) => With(BinaryColumnOp.NotEqual, a, b);
    public static Column operator <(Column a, DateTime b) => With(BinaryColumnOp.Less, a, b);
    public static Column operator <=(Column a, DateTime b) => With(BinaryColumnOp.LessEqual, a, b);
    public static Column operator >(Column a, DateTime b) => With(BinaryColumnOp.Greater, a, b);
    public static Column operator >=(Column a, DateTime b) => With(BinaryColumnOp.GreaterEqual, a, b);
#pragma warning restore CS1591

    /// <summary>Python's <c>a ** b</c>.</summary>
    public Column Pow(double exponent) => With(BinaryColumnOp.Power, this, exponent);

    /// <summary>Python's <c>a // b</c>.</summary>
    public Column FloorDivide(long divisor) => With(BinaryColumnOp.FloorDivide, this, divisor);

    private static Column Combine(BinaryColumnOp op, Column a, Column b)
    {
        var (source, left, right) = Align(a, b.Expression, b.Source);
        return new Column(source, new BinaryColumnExpr(op, left, right), a.Name);
    }

    private static Column With(BinaryColumnOp op, Column a, object b) =>
        new(a.Source, new BinaryColumnExpr(op, a.Expression, new LiteralExpr(b)), a.Name);

    private static Column With(BinaryColumnOp op, object a, Column b) =>
        new(b.Source, new BinaryColumnExpr(op, new LiteralExpr(a), b.Expression), b.Name);
}
