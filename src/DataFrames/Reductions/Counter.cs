using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.DataFrames.Columns;
using Tessera.DataFrames.Hashing;

namespace Tessera.DataFrames.Reductions;

/// <summary>The partial of value counts: a count per distinct non-null value.</summary>
internal sealed class Counter
{
    private readonly KeyTable _keys = new();
    private long[] _counts = new long[16];

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static Counter Of(IArrowArray values)
    {
        var counter = new Counter();
        var keys = new RowKeys([values]);
        for (var r = 0; r < values.Length; r++)
        {
            var key = keys.Encode(r, out var isNull);
            if (!isNull)
            {
                counter.Add(key, 1);
            }
        }
        return counter;
    }

    public static Counter Merge(IReadOnlyList<object> parts)
    {
        var first = (Counter)parts[0];
        foreach (Counter part in parts.Skip(1))
        {
            for (var i = 0; i < part._keys.Count; i++)
            {
                first.Add(part._keys.Key(i), part._counts[i]);
            }
        }
        return first;
    }

    public Frame ToFrame(string name, IArrowType type, Schema schema)
    {
        var types = new[] { type };
        var values = Enumerable.Range(0, _keys.Count).Select(i => RowKeys.DecodeValue(types, 0, _keys.Key(i))).ToArray();
        var order = Enumerable.Range(0, _keys.Count).ToArray();
        Array.Sort(order, (a, b) =>
        {
            var c = _counts[b].CompareTo(_counts[a]);
            return c != 0 ? c : ArrowValues.Compare(values[a], values[b]);
        });
        var keys = RowKeys.Decode(types, 0, _keys, order);
        var counts = ArrowColumns.Wrap(Int64Type.Default, order.Select(i => _counts[i]).ToArray(), order.Length);
        return new Frame(schema, [keys, counts], order.Length);
    }

    private void Add(ReadOnlySpan<byte> key, long count)
    {
        var id = _keys.GetOrAdd(key);
        if (id >= _counts.Length)
        {
            Array.Resize(ref _counts, _counts.Length * 2);
        }
        _counts[id] += count;
    }
}
