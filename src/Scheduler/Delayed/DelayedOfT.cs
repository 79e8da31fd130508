using Tessera.Scheduling;

namespace Tessera;

/// <summary>A lazy computation whose result is a <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The result type.</typeparam>
public sealed class Delayed<T> : Delayed
{
    internal Delayed(string key, string kind, TaskFunction? function, DelayedArg[] args, object? constant)
        : base(key, kind, function, args, constant)
    {
    }

    /// <summary>Lets a plain value stand wherever a Delayed argument is expected.</summary>
    public static implicit operator Delayed<T>(T value) => Value(value);

    /// <summary>Runs the graph and returns the result. Task exceptions arrive as <see cref="TaskFailedException"/>.</summary>
    public T Compute(ComputeOptions? options = null) => (T)GraphRunner.Run(ToGraph(), [Key], options)[0]!;

    /// <summary>Runs the graph on a background thread.</summary>
    public Task<T> ComputeAsync(CancellationToken cancellationToken = default) =>
        ComputeAsync(ComputeOptions.Default with { CancellationToken = cancellationToken });

    /// <summary>Runs the graph on a background thread with <paramref name="options"/>.</summary>
    public async Task<T> ComputeAsync(ComputeOptions options)
    {
        var results = await GraphRunner.RunAsync(ToGraph(), [Key], options).ConfigureAwait(false);
        return (T)results[0]!;
    }

    /// <summary>
    /// Computes now and returns a Delayed holding the result under the same key, so later
    /// graphs built on it do not recompute it.
    /// </summary>
    public Delayed<T> Persist(ComputeOptions? options = null) =>
        new(Key, Kind, null, [], Compute(options));

    /// <summary>A call of <paramref name="function"/> on this result.</summary>
    public Delayed<TResult> Then<TResult>(Func<T, TResult> function) => Call(function, this);

    /// <summary>The same computation under the key <paramref name="key"/> (unique in any graph it joins).</summary>
    public Delayed<T> Named(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return new(key, Kind, Function, Args, ConstantValue);
    }
}
