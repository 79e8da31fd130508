using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.DataFrames.Columns;
using Tessera.DataFrames.Hashing;

namespace Tessera.DataFrames.Grouping;

/// <summary>GroupBy.Apply over a gathered frame: split by key, call the function per group, stitch with the keys.</summary>
internal static class GroupApply
{
    public static Frame Run(Frame whole, string[] keys, IArrowType[] keyTypes, string[]? columns, Func<Frame, Frame> function, Schema schema)
    {
        var table = new KeyTable();
        var ids = GroupPartial.GroupIds(whole, keys, table);
        var rows = new List<int>[table.Count];
        for (var g = 0; g < rows.Length; g++)
        {
            rows[g] = [];
        }
        for (var r = 0; r < ids.Length; r++)
        {
            if (ids[r] >= 0)
            {
                rows[ids[r]].Add(r);
            }
        }
        var input = columns is null ? whole : whole.Select([.. keys.Concat(columns).Distinct()]);
        var results = new List<Frame>();
        foreach (var g in GroupPartial.SortedGroups(table, keyTypes))
        {
            var result = function(ArrowTake.Take(input, rows[g].ToArray()));
            var missing = keys.Where(k => result.Schema.GetFieldIndex(k) < 0).ToArray();
            var withKeys = missing.Select(k => (k, ArrowValues.Build(keyTypes[Array.IndexOf(keys, k)],
                    [.. Enumerable.Repeat(RowKeys.DecodeValue(keyTypes, Array.IndexOf(keys, k), table.Key(g)), result.RowCount)])))
                .Concat(result.Columns.Select(c => (c, result.Column(result.IndexOf(c)))))
                .ToArray();
            results.Add(Frame.FromColumns(withKeys));
        }
        return results.Count == 0 ? Frame.Empty(schema) : Frame.Concat(results);
    }
}
