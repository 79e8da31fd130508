using Tessera.DataFrames.Storage;
using Tessera.IO.ArrowIpc;
using Tessera.Scheduling;

namespace Tessera.DataFrames;

public sealed partial class DataFrame
{
    /// <summary>
    /// Reads Arrow IPC files (Feather v2 is the same format) lazily: a file, a directory of parts or
    /// a glob; one partition per record batch. Footers are read now, batches at compute time,
    /// decompressed when written with LZ4 or zstd; the batches become the partitions as they are
    /// (dictionary-encoded strings are decoded to plain strings, which every operation here takes).
    /// </summary>
    /// <exception cref="ArrowIpcFormatException">A file is not Arrow IPC, truncated or corrupted.</exception>
    public static DataFrame ReadArrowIpc(string pathOrGlobOrDirectory)
    {
        var files = ArrowIpcFiles.Expand(pathOrGlobOrDirectory);
        var described = files.Select(f => (Path: f, Info: ArrowIpcFiles.Describe(f))).ToArray();
        var schema = described[0].Info.Schema;
        var plain = ArrowIpcNode.PlainSchema(schema);
        foreach (var (path, info) in described)
        {
            var names = info.Schema.FieldsList.Select(f => $"{f.Name}: {f.DataType.Name}");
            if (!names.SequenceEqual(schema.FieldsList.Select(f => $"{f.Name}: {f.DataType.Name}")))
            {
                throw new ArrowIpcFormatException(path, "schema", $"its columns [{string.Join(", ", names)}] differ from those of '{described[0].Path}'. Read the files separately.");
            }
        }
        var pieces = described.SelectMany(d => Enumerable.Range(0, d.Info.Batches).Select(b => (d.Path, b))).ToList();
        if (pieces.Count == 0)
        {
            return FromFrame(Frame.Empty(plain));
        }
        var stamps = files.Select(f => File.GetLastWriteTimeUtc(f).Ticks).Cast<object>();
        return new DataFrame(new ArrowIpcNode(TaskKeys.Name("read-arrow", [.. files, .. stamps]), plain, pieces));
    }

    /// <summary>Reads Feather v2 files: <see cref="ReadArrowIpc"/> (Feather v2 is the Arrow IPC file format).</summary>
    public static DataFrame ReadFeather(string pathOrGlobOrDirectory) => ReadArrowIpc(pathOrGlobOrDirectory);

    /// <summary>
    /// Writes every partition as <c>part.N.arrow</c> (one record batch each) in
    /// <paramref name="directory"/>, each under a temporary name renamed when complete.
    /// </summary>
    public WriteResult ToArrowIpc(string directory, ArrowIpcCompression compression = ArrowIpcCompression.None, ComputeOptions? options = null) =>
        WriteIpc(directory, ".arrow", compression, options);

    /// <summary>Writes every partition as <c>part.N.feather</c> (Feather v2), LZ4-compressed unless told otherwise, as pyarrow writes Feather.</summary>
    public WriteResult ToFeather(string directory, ArrowIpcCompression compression = ArrowIpcCompression.Lz4, ComputeOptions? options = null) =>
        WriteIpc(directory, ".feather", compression, options);

    private WriteResult WriteIpc(string directory, string extension, ArrowIpcCompression compression, ComputeOptions? options)
    {
        var paths = PartitionWrites.PartPaths(directory, NPartitions, extension);
        var result = PartitionWrites.Run(this, "to-arrow", paths, (part, path) => ArrowIpcFiles.Write(path, part.ToArrow(), compression), options);
        PartitionWrites.RemoveStaleParts(directory, NPartitions, extension);
        return result;
    }
}
