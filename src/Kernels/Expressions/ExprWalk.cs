namespace Tessera.Kernels.Expressions;

/// <summary>Traversals shared by backends: the parameter order of constants, the inputs used.</summary>
internal static class ExprWalk
{
    /// <summary>
    /// Constants in post-order (children left to right, then the node): the order in which
    /// generated kernels take them as parameters. A node shared by two parents appears twice,
    /// matching <see cref="ExprSignature"/>, which also walks the tree, not the DAG.
    /// </summary>
    public static List<ConstantExpr> Constants(Expr root)
    {
        var list = new List<ConstantExpr>();
        Visit(root, e =>
        {
            if (e is ConstantExpr c)
            {
                list.Add(c);
            }
        });
        return list;
    }

    /// <summary>One more than the largest input index (0 for an expression of constants only).</summary>
    public static int InputCount(Expr root)
    {
        var count = 0;
        Visit(root, e =>
        {
            if (e is InputExpr i)
            {
                count = Math.Max(count, i.Index + 1);
            }
        });
        return count;
    }

    public static void Visit(Expr e, Action<Expr> action)
    {
        foreach (var child in e.Children)
        {
            Visit(child, action);
        }
        action(e);
    }
}
