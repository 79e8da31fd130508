namespace Tessera.Bags.Streams;

/// <summary>SelectMany (dask's flatten after map), with the failing element named.</summary>
internal static class SelectManyStream
{
    public static IEnumerable<TResult> Flatten<T, TCollection, TResult>(IEnumerable<T> source,
        Func<T, IEnumerable<TCollection>> collection, Func<T, TCollection, TResult> result, int partition)
    {
        long index = 0;
        foreach (var item in source)
        {
            IEnumerable<TCollection> inner;
            try
            {
                inner = collection(item);
            }
            catch (Exception e)
            {
                throw ElementStreams.Failure("SelectMany", partition, index, e);
            }
            using var enumerator = inner.GetEnumerator();
            while (true)
            {
                TResult value;
                try
                {
                    if (!enumerator.MoveNext())
                    {
                        break;
                    }
                    value = result(item, enumerator.Current);
                }
                catch (Exception e)
                {
                    throw ElementStreams.Failure("SelectMany", partition, index, e);
                }
                yield return value;
            }
            index++;
        }
    }
}
