namespace Tessera.IO.Hdf5;

/// <summary>
/// Writes a table in the layout pandas' <c>DataFrame.to_hdf(path, key, format='table')</c>
/// writes (PyTables underneath), so <c>pandas.read_hdf(path, key)</c> reads it back: a group
/// <c>/key</c> with pandas' metadata attributes and a chunked compound dataset
/// <c>/key/table</c> whose members are <c>index</c> and one <c>values_block_k</c> per column.
/// pandas stores its list-valued metadata as protocol-0 pickles in fixed-length ASCII string
/// attributes, and PyTables its own as fixed-length UTF-8 strings; both are written that way.
/// </summary>
public static class Hdf5PandasTable
{
    /// <summary>Writes the table under <paramref name="key"/>.</summary>
    /// <param name="writer">The file being written.</param>
    /// <param name="key">The HDFStore key, e.g. "df" (a group of that name is created).</param>
    /// <param name="index">The row labels (pandas' integer index).</param>
    /// <param name="columns">Column names and values in frame order: arrays of float, double, 1- to 8-byte integers or strings, one value per row.</param>
    /// <param name="compressionLevel">Deflate level 0–9 for the table's chunks (pandas' complevel; 0 stores them uncompressed).</param>
    /// <param name="dtypes">
    /// pandas dtypes for columns whose stored numbers mean something else: "bool" for a byte[]
    /// of 0/1, "datetime64" for a long[] of nanoseconds since 1970 (NaT as long.MinValue).
    /// pandas converts those back on read.
    /// </param>
    public static void Write(Hdf5Writer writer, string key, long[] index, IReadOnlyList<KeyValuePair<string, Array>> columns, int compressionLevel = 0,
        IReadOnlyDictionary<string, string>? dtypes = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(columns);
        var group = writer.CreateGroup(key);
        var members = new List<KeyValuePair<string, Array>> { new("index", index) };
        var blocks = new List<string>();
        foreach (var (name, values) in columns)
        {
            if (values.Rank != 1 || values.Length != index.Length)
            {
                throw new ArgumentException(
                    $"Column \"{name}\" has {values.Length} values in {values.Rank} dimensions; pass one value per row ({index.Length}).");
            }
            // Each column is its own block, stored as an array member of one value per row (pandas' shape).
            var block = Array.CreateInstance(values.GetType().GetElementType()!, values.Length, 1);
            for (int r = 0; r < values.Length; r++)
            {
                block.SetValue(values.GetValue(r), r, 0);
            }
            blocks.Add($"values_block_{blocks.Count}");
            members.Add(new(blocks[^1], block));
        }
        // About 64 KiB of records per chunk, as PyTables sizes table chunks.
        var recordBytes = members.Sum(m => ElementBytes(m.Value) * (m.Value.Rank == 2 ? m.Value.GetLength(1) : 1));
        var chunkRows = Math.Clamp(65536 / Math.Max(1, recordBytes), 1, Math.Max(1, index.Length));
        var table = writer.WriteColumns(group.Path + "/table", members,
            new Hdf5DatasetOptions { Chunks = [chunkRows], CompressionLevel = compressionLevel, Shuffle = compressionLevel > 0 });

        Fixed(group, "CLASS", "GROUP");
        Fixed(group, "TITLE", "");
        Fixed(group, "VERSION", "1.0");
        Fixed(group, "pandas_type", "frame_table");
        Fixed(group, "pandas_version", "0.15.2");
        Fixed(group, "table_type", "appendable_frame");
        Fixed(group, "encoding", "UTF-8");
        Fixed(group, "errors", "strict");
        Fixed(group, "nan_rep", "nan");
        group.SetAttribute("levels", 1L);
        Pickled(group, "index_cols", new[] { new Pickle0.Tuple(0, "index") });
        Pickled(group, "values_cols", blocks);
        Pickled(group, "non_index_axes", new[] { new Pickle0.Tuple(1, columns.Select(c => c.Key).ToList()) });
        Pickled(group, "data_columns", Array.Empty<string>());
        Pickled(group, "info", new Dictionary<string, object>());

        Fixed(table, "CLASS", "TABLE");
        Fixed(table, "TITLE", "");
        Fixed(table, "VERSION", "2.7");
        table.SetAttribute("NROWS", (long)index.Length);
        Fixed(table, "index_kind", "integer");
        for (int i = 0; i < members.Count; i++)
        {
            Fixed(table, $"FIELD_{i}_NAME", members[i].Key);
        }
        for (int k = 0; k < blocks.Count; k++)
        {
            var values = columns[k].Value;
            Pickled(table, $"{blocks[k]}_kind", new[] { columns[k].Key });
            var dtype = dtypes is not null && dtypes.TryGetValue(columns[k].Key, out var given) ? given
                : values.GetType().GetElementType() == typeof(string) ? $"bytes{8 * ElementBytes(members[k + 1].Value)}" : NumpyName(values);
            Fixed(table, $"{blocks[k]}_dtype", dtype);
            Pickled(table, $"{blocks[k]}_meta", null);
        }
    }

    private static void Fixed(Hdf5ObjectWriter node, string name, string value) => node.SetAttribute(name, new Hdf5FixedString(value));

    private static void Pickled(Hdf5ObjectWriter node, string name, object? value) =>
        node.SetAttribute(name, new Hdf5FixedString(Pickle0.Dumps(value), Ascii: true));

    private static int ElementBytes(Array values)
    {
        if (values.GetType().GetElementType() == typeof(string))
        {
            return Math.Max(1, values.Cast<string?>().Max(s => s is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(s)));
        }
        return System.Runtime.InteropServices.Marshal.SizeOf(values.GetType().GetElementType()!);
    }

    private static string NumpyName(Array values) => values switch
    {
        double[] => "float64",
        float[] => "float32",
        long[] => "int64",
        int[] => "int32",
        short[] => "int16",
        sbyte[] => "int8",
        ulong[] => "uint64",
        uint[] => "uint32",
        ushort[] => "uint16",
        byte[] => "uint8",
        _ => throw new ArgumentException($"pandas tables cannot hold a {values.GetType().Name} column here; use numbers or strings."),
    };
}
