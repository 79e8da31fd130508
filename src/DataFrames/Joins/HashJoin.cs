using Apache.Arrow;
using Tessera.DataFrames.Columns;
using Tessera.DataFrames.Hashing;

namespace Tessera.DataFrames.Joins;

/// <summary>
/// Joins one probe partition with the broadcast side, and lays out the result as pandas' merge
/// does: the left frame's columns (keys in their place, filled from the right side on rows that
/// only the right side has), then the right frame's non-key columns; names both sides share get
/// the suffixes "_x" and "_y".
/// </summary>
internal sealed class HashJoin(string[] keys, bool buildIsRight, bool keepProbeUnmatched, Schema leftSchema, Schema rightSchema)
{
    public Schema Schema { get; } = OutputSchema(keys, leftSchema, rightSchema);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public JoinPiece Probe(Frame probe, BuildSide build)
    {
        var encoder = new RowKeys([.. keys.Select(k => probe.Column(probe.IndexOf(k)))]);
        var probeRows = new List<int>(probe.RowCount);
        var buildRows = new List<int>(probe.RowCount);
        var matched = new bool[build.Frame.RowCount];
        for (var r = 0; r < probe.RowCount; r++)
        {
            var id = build.Table.Find(encoder.Encode(r, out _));
            var row = id < 0 ? -1 : build.First(id);
            if (row < 0)
            {
                if (keepProbeUnmatched)
                {
                    probeRows.Add(r);
                    buildRows.Add(-1);
                }
                continue;
            }
            for (; row >= 0; row = build.Next(row))
            {
                probeRows.Add(r);
                buildRows.Add(row);
                matched[row] = true;
            }
        }
        var frame = buildIsRight
            ? Assemble(probe, probeRows, build.Frame, buildRows)
            : Assemble(build.Frame, buildRows, probe, probeRows);
        return new JoinPiece(frame, matched);
    }

    /// <summary>The broadcast rows no probe partition matched, with the other side's columns null.</summary>
    public Frame Unmatched(BuildSide build, IEnumerable<JoinPiece> pieces, Schema probeSchema)
    {
        var matched = new bool[build.Frame.RowCount];
        foreach (var piece in pieces)
        {
            for (var i = 0; i < matched.Length; i++)
            {
                matched[i] |= piece.Matched[i];
            }
        }
        var rows = Enumerable.Range(0, matched.Length).Where(i => !matched[i]).ToList();
        var none = Enumerable.Repeat(-1, rows.Count).ToList();
        var empty = Frame.Empty(probeSchema);
        return buildIsRight ? Assemble(empty, none, build.Frame, rows) : Assemble(build.Frame, rows, empty, none);
    }

    private Frame Assemble(Frame left, List<int> leftRows, Frame right, List<int> rightRows)
    {
        var l = leftRows.ToArray();
        var r = rightRows.ToArray();
        var columns = new List<IArrowArray>();
        foreach (var field in leftSchema.FieldsList)
        {
            var values = ArrowTake.Take(left.Column(left.IndexOf(field.Name)), l);
            if (keys.Contains(field.Name) && l.Contains(-1))
            {
                // A row only the right side has takes its key from the right.
                var fromRight = ArrowTake.Take(right.Column(right.IndexOf(field.Name)), r);
                values = ArrowTake.Take(Frame.Concat([Frame.FromColumns(("k", values)), Frame.FromColumns(("k", fromRight))]).Column(0),
                    [.. l.Select((row, i) => row >= 0 ? i : l.Length + i)]);
            }
            columns.Add(values);
        }
        foreach (var field in rightSchema.FieldsList.Where(f => !keys.Contains(f.Name)))
        {
            columns.Add(ArrowTake.Take(right.Column(right.IndexOf(field.Name)), r));
        }
        return new Frame(new Schema([.. Schema.FieldsList.Select((f, i) => new Field(f.Name, columns[i].Data.DataType, true))], null),
            [.. columns], l.Length);
    }

    private static Schema OutputSchema(string[] keys, Schema left, Schema right)
    {
        var rightNames = right.FieldsList.Select(f => f.Name).Where(n => !keys.Contains(n)).ToHashSet();
        var leftNames = left.FieldsList.Select(f => f.Name).Where(n => !keys.Contains(n)).ToHashSet();
        var fields = left.FieldsList.Select(f => new Field(rightNames.Contains(f.Name) ? f.Name + "_x" : f.Name, f.DataType, true))
            .Concat(right.FieldsList.Where(f => !keys.Contains(f.Name))
                .Select(f => new Field(leftNames.Contains(f.Name) ? f.Name + "_y" : f.Name, f.DataType, true)));
        return new Schema([.. fields], null);
    }
}
