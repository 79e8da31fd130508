using System.Buffers.Binary;
using System.Text;

namespace Tessera.IO.Parquet;

/// <summary>
/// Writes a dataset's <c>_metadata</c> file (what dask's <c>write_metadata_file=True</c> and
/// pyarrow's <c>write_metadata</c> write): a Parquet file with no data whose footer lists every
/// part's row groups, each column chunk naming its part in <c>file_path</c>, so a reader plans the
/// whole dataset from one footer. The parts' footers are merged field by field: FileMetaData's
/// row_groups (field 4) concatenated and num_rows (field 3) summed; ColumnChunk.file_path (field 1)
/// set; everything else is the first part's.
/// </summary>
public static class ParquetMetadataFile
{
    private const short NumRows = 3, RowGroups = 4, Columns = 1, FilePath = 1;

    /// <summary>Writes <c>_metadata</c> beside <paramref name="parts"/> (all in one directory), crash-safe; returns its path.</summary>
    public static string Write(string directory, IReadOnlyList<string> parts)
    {
        if (parts.Count == 0)
        {
            throw new ArgumentException("A _metadata file needs at least one part.", nameof(parts));
        }
        List<ThriftCompact.Field>? merged = null;
        var groups = new List<object?>();
        long rows = 0;
        foreach (var part in parts)
        {
            var footer = Footer(part);
            var relative = Encoding.UTF8.GetBytes(Path.GetRelativePath(directory, part).Replace('\\', '/'));
            foreach (var group in (Find(footer, RowGroups)?.Value as ThriftCompact.ListValue)?.Items ?? [])
            {
                var fields = (List<ThriftCompact.Field>)group!;
                foreach (var chunk in (Find(fields, Columns)?.Value as ThriftCompact.ListValue)?.Items ?? [])
                {
                    var chunkFields = (List<ThriftCompact.Field>)chunk!;
                    chunkFields.RemoveAll(f => f.Id == FilePath);
                    chunkFields.Insert(0, new ThriftCompact.Field(FilePath, ThriftCompact.Binary, relative));
                }
                groups.Add(fields);
            }
            rows += Find(footer, NumRows)?.Value is long n ? n : 0;
            merged ??= footer;
        }
        Replace(merged!, new ThriftCompact.Field(NumRows, ThriftCompact.I64, rows));
        Replace(merged!, new ThriftCompact.Field(RowGroups, ThriftCompact.List, new ThriftCompact.ListValue(ThriftCompact.Struct, groups)));

        var bytes = new List<byte>();
        ThriftCompact.WriteStruct(bytes, merged!);
        var path = Path.Combine(directory, "_metadata");
        var temporary = Path.Combine(directory, $".tmp-{Guid.NewGuid():N}-_metadata");
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
            {
                file.Write("PAR1"u8);
                file.Write(bytes.ToArray());
                Span<byte> length = stackalloc byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Count);
                file.Write(length);
                file.Write("PAR1"u8);
            }
            File.Move(temporary, path, overwrite: true);
            return path;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static List<ThriftCompact.Field> Footer(string part)
    {
        ParquetFiles.CheckMagic(part);
        var bytes = File.ReadAllBytes(part);
        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        var at = bytes.Length - 8 - length;
        try
        {
            return ThriftCompact.ReadStruct(bytes.AsSpan(0, bytes.Length - 8), ref at);
        }
        catch (Exception e) when (e is InvalidDataException or IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException)
        {
            throw new ParquetFormatException(part, "footer", $"its Thrift encoding could not be read ({e.Message}); the file is corrupted. Write it again.", e);
        }
    }

    private static ThriftCompact.Field? Find(List<ThriftCompact.Field> fields, short id) => fields.Find(f => f.Id == id);

    private static void Replace(List<ThriftCompact.Field> fields, ThriftCompact.Field field)
    {
        var at = fields.FindIndex(f => f.Id == field.Id);
        if (at >= 0)
        {
            fields[at] = field;
        }
        else
        {
            fields.Add(field);
            fields.Sort((a, b) => a.Id.CompareTo(b.Id));
        }
    }
}
