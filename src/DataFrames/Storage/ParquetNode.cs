using Apache.Arrow;
using Tessera.DataFrames.Lazy;
using Tessera.IO.Parquet;
using Tessera.Scheduling;

namespace Tessera.DataFrames.Storage;

/// <summary>The partitions of a Parquet read: one task per piece, each reading its row groups' chosen columns.</summary>
internal sealed class ParquetNode(string name, Schema schema, IReadOnlyList<ParquetPiece> pieces, ParquetReadCounters? counters)
    : FrameNode(name, pieces.Count, schema), IProjectableSource
{
    public FrameNode Project(IReadOnlyCollection<string> columns)
    {
        var kept = Schema.FieldsList.Where(f => columns.Contains(f.Name)).ToList();
        return kept.Count == Schema.FieldsList.Count
            ? this
            : new ParquetNode(TaskKeys.Name("project", Name, string.Join(",", kept.Select(f => f.Name))), new Schema(kept, Schema.Metadata), pieces, counters);
    }

    public override IReadOnlyList<FrameNode> Inputs => [];

    public override void Lower(FrameLowering context)
    {
        var columns = Schema.FieldsList.Select(f => f.Name).ToArray();
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            context.Graph.Add(Key(i), "read-parquet", _ => piece.RowGroups.Length == 0
                ? Frame.Empty(Schema)
                : new Frame(ParquetChunkReader.Read(piece.Path, piece.RowGroups, columns, counters, piece.Rows, piece.DictionaryColumns)));
        }
    }
}
