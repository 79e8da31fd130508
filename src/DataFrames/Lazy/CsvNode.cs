using Tessera.IO.Csv;
using Tessera.Scheduling;

namespace Tessera.DataFrames.Lazy;

/// <summary>The partitions of a CSV read: one task per byte block, each parsing its rows into a frame.</summary>
internal sealed class CsvNode(string name, IReadOnlyList<CsvBlock> blocks, CsvLayout layout)
    : FrameNode(name, blocks.Count, layout.Schema), IProjectableSource
{
    public FrameNode Project(IReadOnlyCollection<string> columns)
    {
        var projected = layout.Project(columns);
        return projected.KeptColumns.Count == layout.KeptColumns.Count
            ? this
            : new CsvNode(TaskKeys.Name("project", Name, string.Join(",", projected.Schema.FieldsList.Select(f => f.Name))), blocks, projected);
    }

    public override IReadOnlyList<FrameNode> Inputs => [];

    public override void Lower(FrameLowering context)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            context.Graph.Add(Key(i), "read-csv", _ =>
            {
                var result = CsvBlockParser.Read(block, layout);
                return new Frame(result.Batch) { SkippedRows = result.SkippedRows };
            });
        }
    }
}
