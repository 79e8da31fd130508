using Apache.Arrow;
using Tessera.DataFrames.Lazy;
using Tessera.IO.Hdf5;

namespace Tessera.DataFrames.Storage;

/// <summary>The partitions of a pandas table read: one task per row range, each opening the file and reading its records.</summary>
internal sealed class HdfTableNode(string name, Schema schema, string path, string key, IReadOnlyList<(long Start, long Count)> ranges)
    : FrameNode(name, ranges.Count, schema)
{
    public override IReadOnlyList<FrameNode> Inputs => [];

    public override void Lower(FrameLowering context)
    {
        for (var i = 0; i < ranges.Count; i++)
        {
            var (start, count) = ranges[i];
            context.Graph.Add(Key(i), "read-hdf", _ => count == 0 ? Frame.Empty(Schema) : Read(path, key, start, count));
        }
    }

    public static Frame Read(string path, string key, long start, long count)
    {
        using var file = Hdf5File.Open(path);
        var columns = Hdf5PandasReader.ReadTable(file, path, key, start, count);
        return Frame.FromColumns([.. columns.Select(c => (c.Name, PandasColumns.ToArrow(c)))]);
    }
}
