using Apache.Arrow;
using Tessera.DataFrames.Lazy;
using Tessera.IO.ArrowIpc;

namespace Tessera.DataFrames.Storage;

/// <summary>The partitions of an Arrow IPC read: one task per record batch of each file.</summary>
internal sealed class ArrowIpcNode(string name, Schema schema, IReadOnlyList<(string Path, int Batch)> pieces)
    : FrameNode(name, pieces.Count, schema)
{
    public override IReadOnlyList<FrameNode> Inputs => [];

    public override void Lower(FrameLowering context)
    {
        for (var i = 0; i < pieces.Count; i++)
        {
            var (path, batch) = pieces[i];
            context.Graph.Add(Key(i), "read-arrow", _ => Plain(new Frame(ArrowIpcFiles.ReadBatch(path, batch))));
        }
    }

    /// <summary>The schema partitions have: dictionary-encoded string columns become plain strings.</summary>
    public static Schema PlainSchema(Schema schema) => new(
        [.. schema.FieldsList.Select(f => f.DataType is Apache.Arrow.Types.DictionaryType { ValueType: Apache.Arrow.Types.StringType } ? new Field(f.Name, Apache.Arrow.Types.StringType.Default, true) : f)],
        schema.Metadata);

    // Partitions are concatenated and hashed as plain columns; dictionaries from other writers are decoded once here.
    private static Frame Plain(Frame frame)
    {
        var result = frame;
        for (var c = 0; c < frame.ColumnCount; c++)
        {
            if (frame.Column(c) is DictionaryArray { Dictionary: StringArray } d)
            {
                result = result.Assign(frame.Columns[c], PandasColumns.Decode(d));
            }
        }
        return result;
    }
}
