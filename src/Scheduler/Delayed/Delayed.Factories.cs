using Tessera.Scheduling;

namespace Tessera;

public abstract partial class Delayed
{
    /// <summary>A Delayed holding <paramref name="value"/>; its key is derived from the value.</summary>
    public static Delayed<T> Value<T>(T value) =>
        value is Delayed<T> already ? already : new(Tokenizer.ValueKey(value), "value", null, [], value);

    /// <summary>Builds a call node; every generated <c>Call</c> overload ends here.</summary>
    private static Delayed<TResult> Create<TResult>(Delegate function, TaskFunction invoke, params DelayedArg[] args)
    {
        ArgumentNullException.ThrowIfNull(function);
        var kind = KindOf(function);
        return new Delayed<TResult>(Tokenizer.Key(kind, function, args), kind, invoke, args, null);
    }

    /// <summary>"Inc" for a method Inc; "lambda" for a compiler-generated name such as "&lt;Main&gt;b__0_0".</summary>
    private static string KindOf(Delegate function)
    {
        var name = function.Method.Name;
        return name.Contains('<') ? "lambda" : name;
    }

    private static DelayedArg A<T>(Delayed<T> node) => DelayedArg.Of(node);

    private static DelayedArg V<T>(T value) => DelayedArg.Of(value);

    /// <summary>Casts an argument to the parameter type, with an error naming both types when it does not fit.</summary>
    private static T Arg<T>(object? value, int position) => value is T t ? t
        : value is null && default(T) is null ? default!
        : throw new InvalidCastException(
            $"Argument {position + 1} is {(value is null ? "null" : $"a {value.GetType().Name}")}, but the function takes a {typeof(T).Name}.");
}
