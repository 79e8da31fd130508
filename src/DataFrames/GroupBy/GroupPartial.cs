using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.DataFrames.Columns;
using Tessera.DataFrames.Hashing;
using Tessera.IO.Parquet;

namespace Tessera.DataFrames.Grouping;

/// <summary>
/// The hash aggregation of a group-by: a partition's rows folded into one entry per distinct key
/// (<see cref="Chunk"/>), partials merged by key (<see cref="Combine"/>, the tree's combine step),
/// and the last partial written as pandas' <c>reset_index()</c> of the result: key columns, then
/// aggregates, one row per group, sorted by the keys (<see cref="Finish"/>). Rows with a null key
/// are dropped, as pandas' <c>dropna=True</c> does.
/// </summary>
internal sealed class GroupPartial
{
    private GroupPartial(KeyTable keys, Accumulator[] accumulators)
    {
        Keys = keys;
        Accumulators = accumulators;
    }

    public KeyTable Keys { get; }

    public Accumulator[] Accumulators { get; }

    public static GroupPartial Chunk(Frame frame, string[] keys, AggSpec[] specs)
    {
        var table = new KeyTable();
        var ids = GroupIds(frame, keys, table);
        var accumulators = new Accumulator[specs.Length];
        for (var a = 0; a < specs.Length; a++)
        {
            var values = frame.Column(frame.IndexOf(specs[a].Column));
            accumulators[a] = Accumulator.Create(specs[a].Kind, values.Data.DataType);
            accumulators[a].Add(ids, table.Count, values);
        }
        return new GroupPartial(table, accumulators);
    }

    /// <summary>Each row's group id in <paramref name="table"/> (added as met), -1 for a null key.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static int[] GroupIds(Frame frame, string[] keys, KeyTable table)
    {
        if (keys.Length == 1 && table.Count == 0 && frame.Column(frame.IndexOf(keys[0])) is DictionaryStringArray coded)
        {
            return DictionaryGroupIds(coded, table);
        }
        if (keys.Length == 1 && table.Count == 0 && frame.Column(frame.IndexOf(keys[0])) is StringArray strings)
        {
            return StringGroupIds(strings, table);
        }
        var encoder = new RowKeys([.. keys.Select(k => frame.Column(frame.IndexOf(k)))]);
        var ids = new int[frame.RowCount];
        for (var r = 0; r < ids.Length; r++)
        {
            var key = encoder.Encode(r, out var hasNull);
            ids[r] = hasNull ? -1 : table.GetOrAdd(key);
        }
        return ids;
    }

    // One string key (the common case): rows are hashed on their UTF-8 bytes where Arrow holds
    // them, with no per-row encoding; each new key is added to the encoded table as it is met, so
    // both tables number the keys alike.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static int[] StringGroupIds(StringArray strings, KeyTable table)
    {
        var raw = new KeyTable();
        var ids = new int[strings.Length];
        var offsets = strings.ValueOffsets;
        var data = strings.ValueBuffer.Span;
        var nulls = strings.NullCount > 0;
        Span<byte> encoded = stackalloc byte[256];
        for (var r = 0; r < ids.Length; r++)
        {
            if (nulls && strings.IsNull(r))
            {
                ids[r] = -1;
                continue;
            }
            var bytes = data.Slice(offsets[r], offsets[r + 1] - offsets[r]);
            var before = raw.Count;
            var id = raw.GetOrAdd(bytes);
            if (raw.Count > before)
            {
                var key = bytes.Length + 5 <= encoded.Length ? encoded[..(bytes.Length + 5)] : new byte[bytes.Length + 5];
                key[0] = 1;
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(key[1..], bytes.Length);
                bytes.CopyTo(key[5..]);
                table.GetOrAdd(key);
            }
            ids[r] = id;
        }
        return ids;
    }

    // One string key read as dictionary codes (Parquet): each distinct code is hashed once, the
    // first time a row uses it; every row after that is an array lookup. Ids are numbered in
    // first-seen row order, as StringGroupIds numbers them.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static int[] DictionaryGroupIds(DictionaryStringArray column, KeyTable table)
    {
        var dictionary = column.Dictionary;
        var groupOf = new int[dictionary.Length];
        groupOf.AsSpan().Fill(-2);
        var codes = column.Codes;
        var ids = new int[column.Length];
        var nulls = column.NullCount > 0;
        for (var r = 0; r < ids.Length; r++)
        {
            if (nulls && column.IsNull(r))
            {
                ids[r] = -1;
                continue;
            }
            var code = codes[r];
            var id = groupOf[code];
            if (id == -2)
            {
                id = groupOf[code] = dictionary.IsNull(code) ? -1 : table.GetOrAdd(RowKeys.EncodeString(dictionary.GetBytes(code)));
            }
            ids[r] = id;
        }
        return ids;
    }

    public static GroupPartial Combine(IReadOnlyList<GroupPartial> parts)
    {
        var first = parts[0];
        for (var p = 1; p < parts.Count; p++)
        {
            var part = parts[p];
            var map = new int[part.Keys.Count];
            for (var i = 0; i < map.Length; i++)
            {
                map[i] = first.Keys.GetOrAdd(part.Keys.Key(i));
            }
            for (var a = 0; a < first.Accumulators.Length; a++)
            {
                first.Accumulators[a].Merge(part.Accumulators[a], map, first.Keys.Count);
            }
        }
        return first;
    }

    public Frame Finish(string[] keys, IArrowType[] keyTypes, AggSpec[] specs, Schema schema)
    {
        var order = SortedGroups(Keys, keyTypes);
        var columns = new List<IArrowArray>();
        for (var k = 0; k < keys.Length; k++)
        {
            columns.Add(RowKeys.Decode(keyTypes, k, Keys, order));
        }
        foreach (var accumulator in Accumulators)
        {
            columns.Add(accumulator.Build(order));
        }
        return new Frame(new Schema([.. schema.FieldsList.Select((f, i) => new Field(f.Name, columns[i].Data.DataType, true))], null),
            [.. columns], order.Length);
    }

    /// <summary>Group ids ordered by their keys (pandas sorts groups), nulls last.</summary>
    public static int[] SortedGroups(KeyTable table, IArrowType[] keyTypes) => GroupOrder.Sorted(table, keyTypes);

    /// <summary>The Arrow type of an aggregate's output, for the lazy schema.</summary>
    public static IArrowType OutputType(AggKind kind, IArrowType input) => kind switch
    {
        AggKind.Count or AggKind.Size or AggKind.NUnique => Int64Type.Default,
        AggKind.Sum => input.TypeId is ArrowTypeId.Int64 or ArrowTypeId.Int32 or ArrowTypeId.Boolean ? Int64Type.Default : DoubleType.Default,
        AggKind.Min or AggKind.Max => input.TypeId switch
        {
            ArrowTypeId.Int64 or ArrowTypeId.Int32 => Int64Type.Default,
            ArrowTypeId.Timestamp or ArrowTypeId.Date32 => input,
            _ => DoubleType.Default,
        },
        AggKind.First or AggKind.Last => input,
        _ => DoubleType.Default,
    };
}
