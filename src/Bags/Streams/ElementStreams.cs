using System.Collections;

namespace Tessera.Bags.Streams;

/// <summary>
/// Element operators as hand-written enumerators rather than iterator methods: C# allows no
/// yield inside a try with a catch, and every user call must be caught to say which element failed.
/// </summary>
internal static class ElementStreams
{
    public static IEnumerable<TOut> Select<TIn, TOut>(IEnumerable<TIn> source, Func<TIn, TOut> selector, int partition) =>
        new Enumerable<TIn, TOut>(source, partition, "Select", (item, index, out result) =>
        {
            result = selector(item);
            return true;
        });

    public static IEnumerable<TOut> SelectIndexed<TIn, TOut>(IEnumerable<TIn> source, Func<TIn, long, TOut> selector, int partition) =>
        new Enumerable<TIn, TOut>(source, partition, "Select", (item, index, out result) =>
        {
            result = selector(item, index);
            return true;
        });

    public static IEnumerable<T> Where<T>(IEnumerable<T> source, Func<T, bool> predicate, int partition) =>
        new Enumerable<T, T>(source, partition, "Where", (item, index, out result) =>
        {
            result = item;
            return predicate(item);
        });

    /// <summary>Runs <paramref name="call"/> on element <paramref name="index"/>, naming it if the call throws.</summary>
    public static TResult Guard<TArg, TResult>(string operation, int partition, long index, Func<TArg, TResult> call, TArg arg)
    {
        try
        {
            return call(arg);
        }
        catch (Exception e) when (e is not BagElementException)
        {
            throw new BagElementException(operation, partition, index, e);
        }
    }

    /// <summary>Wraps an exception of a user function on element <paramref name="index"/>.</summary>
    public static Exception Failure(string operation, int partition, long index, Exception e) =>
        e is BagElementException ? e : new BagElementException(operation, partition, index, e);

    private delegate bool Step<TIn, TOut>(TIn item, long index, out TOut result);

    private sealed class Enumerable<TIn, TOut>(IEnumerable<TIn> source, int partition, string operation, Step<TIn, TOut> step)
        : IEnumerable<TOut>
    {
        public IEnumerator<TOut> GetEnumerator() => new Enumerator(source.GetEnumerator(), partition, operation, step);

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private sealed class Enumerator(IEnumerator<TIn> source, int partition, string operation, Step<TIn, TOut> step)
            : IEnumerator<TOut>
        {
            private long _index;

            public TOut Current { get; private set; } = default!;

            object? IEnumerator.Current => Current;

            public bool MoveNext()
            {
                while (source.MoveNext())
                {
                    bool keep;
                    TOut result;
                    try
                    {
                        keep = step(source.Current, _index, out result);
                    }
                    catch (Exception e) when (e is not BagElementException)
                    {
                        throw new BagElementException(operation, partition, _index, e);
                    }
                    _index++;
                    if (keep)
                    {
                        Current = result;
                        return true;
                    }
                }
                return false;
            }

            public void Reset() => throw new NotSupportedException();

            public void Dispose() => source.Dispose();
        }
    }
}
