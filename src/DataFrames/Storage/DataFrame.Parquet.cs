using Apache.Arrow;
using Tessera.DataFrames.Storage;
using Tessera.IO.Parquet;
using Tessera.Scheduling;

namespace Tessera.DataFrames;

public sealed partial class DataFrame
{
    /// <summary>
    /// Reads Parquet files lazily: a file, a directory of parts (<c>part.0.parquet</c>, …; a
    /// <c>_metadata</c> file is ignored) or a glob. Footers are read now; data at compute time, one
    /// partition per row group (or per file, see <see cref="ParquetReadOptions.SplitRowGroups"/>).
    /// <para><paramref name="columns"/> reads only those columns' chunks (projection).
    /// <paramref name="filters"/>, e.g. <c>df =&gt; df["amount"] &gt; 1000</c>, skips the row groups
    /// whose min/max statistics prove no row matches (predicate pushdown) and then keeps the
    /// matching rows of the rest, so the result is exactly the filtered frame.</para>
    /// </summary>
    /// <exception cref="ParquetFormatException">A file is not Parquet, truncated or corrupted.</exception>
    public static DataFrame ReadParquet(string pathOrGlobOrDirectory, IReadOnlyList<string>? columns = null,
        Func<DataFrame, Column>? filters = null, ParquetReadOptions? options = null)
    {
        options ??= new ParquetReadOptions();
        var infos = ParquetFiles.Expand(pathOrGlobOrDirectory).Select(ParquetFileInfo.Read).ToArray();
        var schema = CommonSchema(infos);
        var all = schema.FieldsList.Select(f => f.Name).ToArray();
        foreach (var wanted in columns ?? [])
        {
            if (!all.Contains(wanted))
            {
                throw Frame.MissingColumn(wanted, all);
            }
        }
        var stamps = infos.Select(i => File.GetLastWriteTimeUtc(i.Path).Ticks).Cast<object>();
        var identity = TaskKeys.Name("parquet-files", [.. infos.Select(i => i.Path), .. stamps, options.SplitRowGroups]);

        // The filter is built once over every row group, only to read its expression for pruning.
        Column? probe = null;
        if (filters is not null)
        {
            var everything = Pieces(infos, _ => true, options.SplitRowGroups);
            var probeNode = new ParquetNode(TaskKeys.Name("read-parquet", identity, "probe"), schema, everything, options.Counters);
            probe = filters(new DataFrame(probeNode));
            if (probe.Source != probeNode)
            {
                // Statistics describe this dataset's columns only; a condition on another frame cannot prune it.
                throw new ArgumentException(
                    "filters must build its condition from the frame it is given, e.g. df => df[\"amount\"] > 1000, not from another frame. Filter after reading to combine frames.",
                    nameof(filters));
            }
            if (probe.DType.TypeId != Apache.Arrow.Types.ArrowTypeId.Boolean)
            {
                throw new ArgumentException($"filters must return a boolean column, e.g. df => df[\"amount\"] > 1000; it returned {probe.DType.Name}.", nameof(filters));
            }
        }
        var read = columns is null ? all : [.. columns, .. (probe?.Expression.Columns() ?? []).Where(c => !columns.Contains(c))];
        var readSchema = new Schema([.. read.Select(schema.GetFieldByName)], schema.Metadata);
        var pieces = Pieces(infos, g => probe is null || StatisticsPruner.MayMatch(probe.Expression, g, schema), options.SplitRowGroups);
        var name = TaskKeys.Name("read-parquet", identity, string.Join(",", read), string.Join(";", pieces.Select(p => $"{p.Path}:{string.Join(",", p.RowGroups)}")));
        var frame = new DataFrame(new ParquetNode(name, readSchema, pieces, options.Counters));
        if (filters is not null)
        {
            frame = frame[filters(frame)];
        }
        return columns is not null && read.Length != columns.Count ? frame[columns] : frame;
    }

    /// <summary>
    /// Writes every partition as <c>part.N.parquet</c> in <paramref name="directory"/> (created if
    /// needed), computing and writing partitions in parallel on the scheduler, and a <c>_metadata</c>
    /// file when <see cref="ParquetWriteOptions.WriteMetadataFile"/> asks. Each file is written
    /// under a temporary name and renamed when complete, so an interrupted write leaves no partial
    /// file behind. Large partitions become several row groups (<see cref="ParquetWriteOptions.RowGroupSize"/>).
    /// </summary>
    public WriteResult ToParquet(string directory, ParquetWriteOptions? options = null, ComputeOptions? compute = null)
    {
        options ??= new ParquetWriteOptions();
        var paths = PartitionWrites.PartPaths(directory, NPartitions, ".parquet");
        var result = PartitionWrites.Run(this, "to-parquet", paths, (part, path) => ParquetPartWriter.Write(path, part.ToArrow(), options), compute);
        PartitionWrites.RemoveStaleParts(directory, NPartitions, ".parquet");
        var stale = Path.Combine(directory, "_metadata");
        if (!options.WriteMetadataFile && File.Exists(stale))
        {
            File.Delete(stale); // it would describe the parts just replaced
        }
        if (options.WriteMetadataFile)
        {
            var metadata = ParquetMetadataFile.Write(directory, paths);
            result = result with { Bytes = result.Bytes + new FileInfo(metadata).Length };
        }
        return result;
    }

    private static Schema CommonSchema(ParquetFileInfo[] infos)
    {
        var first = infos[0];
        foreach (var info in infos.Skip(1))
        {
            var same = info.Schema.FieldsList.Count == first.Schema.FieldsList.Count && info.Schema.FieldsList
                .Zip(first.Schema.FieldsList)
                .All(p => p.First.Name == p.Second.Name && p.First.DataType.TypeId == p.Second.DataType.TypeId);
            if (!same)
            {
                throw new ParquetFormatException(info.Path, "schema",
                    $"its columns [{Describe(info.Schema)}] differ from those of '{first.Path}' [{Describe(first.Schema)}]. Read the files separately and Concat the frames after aligning their columns.");
            }
        }
        return first.Schema;
    }

    private static string Describe(Schema schema) => string.Join(", ", schema.FieldsList.Select(f => $"{f.Name}: {f.DataType.Name}"));

    private static List<ParquetPiece> Pieces(ParquetFileInfo[] infos, Func<ParquetRowGroupInfo, bool> keep, bool splitRowGroups)
    {
        var pieces = new List<ParquetPiece>();
        foreach (var info in infos)
        {
            var kept = info.RowGroups.Where(keep).ToArray();
            if (splitRowGroups)
            {
                pieces.AddRange(kept.Select(g => new ParquetPiece(info.Path, [g.Index], g.Rows, [.. g.DictionaryColumns])));
            }
            else if (kept.Length > 0)
            {
                pieces.Add(new ParquetPiece(info.Path, [.. kept.Select(g => g.Index)], kept.Sum(g => g.Rows), DictionaryInAll(kept)));
            }
        }
        // Everything pruned: one empty partition keeps the frame's columns and types.
        return pieces.Count > 0 ? pieces : [new ParquetPiece(infos[0].Path, [], 0, [])];
    }

    private static string[] DictionaryInAll(ParquetRowGroupInfo[] groups) =>
        [.. groups[0].DictionaryColumns.Where(c => groups.All(g => g.DictionaryColumns.Contains(c)))];
}
