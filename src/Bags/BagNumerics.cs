using System.Numerics;

namespace Tessera.Bags;

/// <summary>Numeric reductions of bags of numbers: Sum, Average, Var and Std, as LINQ and dask.bag name them.</summary>
public static class BagNumerics
{
    /// <summary>The sum of the elements (0 for an empty bag); overflow throws, as LINQ's Sum.</summary>
    public static BagScalar<T> Sum<T>(this Bag<T> bag) where T : INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(bag);
        return bag.ReduceToScalar("sum", static (items, _) =>
        {
            var total = T.Zero;
            foreach (var item in items)
            {
                total = checked(total + item);
            }
            return total;
        }, static parts =>
        {
            var total = T.Zero;
            foreach (var part in parts)
            {
                total = checked(total + part);
            }
            return total;
        }, static total => total);
    }

    /// <summary>The sum of <paramref name="selector"/> over the elements.</summary>
    public static BagScalar<TResult> Sum<T, TResult>(this Bag<T> bag, Func<T, TResult> selector) where TResult : INumberBase<TResult> =>
        bag.Select(selector).Sum();

    /// <summary>The mean of the elements as a double; an empty bag is an error, as in LINQ.</summary>
    public static BagScalar<double> Average<T>(this Bag<T> bag) where T : INumberBase<T> =>
        Moments(bag, "mean").Then(static m => m.Count > 0 ? m.Mean
            : throw new InvalidOperationException("Average of an empty bag: the bag has no elements. Check with Any() first."));

    /// <summary>The mean of <paramref name="selector"/> over the elements.</summary>
    public static BagScalar<double> Average<T, TResult>(this Bag<T> bag, Func<T, TResult> selector) where TResult : INumberBase<TResult> =>
        bag.Select(selector).Average();

    /// <summary>
    /// The variance of the elements, dividing by n - <paramref name="ddof"/> (0, the default, as
    /// dask.bag: the population variance; 1 for the sample variance). Merged as count, mean and M2
    /// (Chan et al.), which stays accurate where sum-of-squares formulas cancel.
    /// </summary>
    public static BagScalar<double> Var<T>(this Bag<T> bag, int ddof = 0) where T : INumberBase<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ddof);
        return Moments(bag, "var").Then(m => m.Count - ddof > 0 ? m.M2 / (m.Count - ddof)
            : throw new InvalidOperationException(
                $"Var of {m.Count} elements with ddof {ddof} divides by {m.Count - ddof}: give more elements or a smaller ddof."));
    }

    /// <summary>The standard deviation: the square root of <see cref="Var{T}(Bag{T}, int)"/>.</summary>
    public static BagScalar<double> Std<T>(this Bag<T> bag, int ddof = 0) where T : INumberBase<T> =>
        bag.Var(ddof).Then(Math.Sqrt);

    private static BagScalar<Moment> Moments<T>(Bag<T> bag, string kind) where T : INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(bag);
        return bag.ReduceToScalar(kind, static (items, _) =>
        {
            var m = default(Moment);
            foreach (var item in items)
            {
                m = m.Add(double.CreateChecked(item));
            }
            return m;
        }, static parts =>
        {
            var m = default(Moment);
            foreach (var part in parts)
            {
                m = m.Merge(part);
            }
            return m;
        }, static m => m);
    }

    /// <summary>Count, mean and sum of squared deviations of a run of values.</summary>
    internal readonly record struct Moment(long Count, double Mean, double M2)
    {
        public Moment Add(double x)
        {
            var count = Count + 1;
            var delta = x - Mean;
            var mean = Mean + (delta / count);
            return new(count, mean, M2 + (delta * (x - mean)));
        }

        public Moment Merge(Moment other)
        {
            if (other.Count == 0)
            {
                return this;
            }
            if (Count == 0)
            {
                return other;
            }
            var count = Count + other.Count;
            var delta = other.Mean - Mean;
            return new(count, Mean + (delta * other.Count / count), M2 + other.M2 + (delta * delta * Count * other.Count / count));
        }
    }
}
