namespace Tessera;

/// <summary>An argument of a Delayed call: another Delayed (a graph edge) or a literal value.</summary>
internal readonly record struct DelayedArg(Delayed? Node, object? Literal)
{
    public static DelayedArg Of<T>(Delayed<T> node) => new(node ?? throw new ArgumentNullException(nameof(node)), null);

    public static DelayedArg Of<T>(T literal) => literal is Delayed d ? new(d, null) : new(null, literal);
}
