using System.Text;
using Tessera.IO.Hdf5.Writing;

namespace Tessera.IO.Hdf5;

public sealed partial class Hdf5Writer
{
    /// <summary>
    /// Writes a one-dimensional compound dataset with one member per column, in the given order
    /// and packed as NumPy packs them: <c>T[]</c> columns of float, double or 1- to 8-byte
    /// integers become numeric members; <c>T[rows, n]</c> columns become array members of n
    /// values; <c>string[]</c> (and <c>string[rows, n]</c>) columns become fixed-length
    /// NUL-padded strings as wide as the longest value in UTF-8 (ASCII when every value is).
    /// h5py reads the result as a structured array; <see cref="Hdf5Dataset.ReadColumns()"/>
    /// reads it back as the same columns. An <see cref="Hdf5Columns"/> can be passed as is.
    /// </summary>
    /// <param name="path">Dataset path; parent groups are created.</param>
    /// <param name="columns">Name and values of each member, in member order.</param>
    /// <param name="options">Contiguous (default) or chunked along the rows, optionally compressed.</param>
    public Hdf5RecordDatasetWriter WriteColumns(string path, IEnumerable<KeyValuePair<string, Array>> columns, Hdf5DatasetOptions? options = null)
    {
        ThrowIfClosed();
        ArgumentNullException.ThrowIfNull(columns);
        var layout = new ColumnLayout(path, columns);
        var dataset = AddRecordDataset(path, [layout.Rows], layout.Datatype, layout.RecordSize, options);
        dataset.Write(layout.Pack);
        return dataset;
    }

    /// <summary>
    /// Writes a one-dimensional compound dataset of <typeparamref name="TStruct"/> records, stored
    /// byte for byte: a member per field at the field's offset (numbers; enums as their integer
    /// type; fixed byte buffers as fixed-length strings; fixed buffers or [InlineArray]s of numbers
    /// as array members; nested structs as nested compounds). <see cref="Hdf5Dataset.Read{T}()"/>
    /// with the same struct reads it back; h5py reads it as a structured array.
    /// </summary>
    /// <typeparam name="TStruct">A blittable struct with sequential or explicit layout.</typeparam>
    /// <param name="path">Dataset path; parent groups are created.</param>
    /// <param name="records">The records.</param>
    /// <param name="options">Contiguous (default) or chunked along the records, optionally compressed.</param>
    public Hdf5RecordDatasetWriter WriteRecords<TStruct>(string path, ReadOnlyMemory<TStruct> records, Hdf5DatasetOptions? options = null)
        where TStruct : unmanaged
    {
        ThrowIfClosed();
        var datatype = StructLayoutEncoding.For(typeof(TStruct), path);
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<TStruct>();
        var dataset = AddRecordDataset(path, [records.Length], datatype, size, options);
        dataset.Write((first, count, destination) =>
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(records.Span.Slice((int)first, count)).CopyTo(destination));
        return dataset;
    }

    /// <summary>
    /// Writes a dataset of variable-length UTF-8 strings (h5py reads them as <c>str</c>), values
    /// row-major in <paramref name="shape"/> (one-dimensional when null); null reads as "". The
    /// strings go to global heap collections written first, the dataset holds their references.
    /// </summary>
    /// <param name="path">Dataset path; parent groups are created.</param>
    /// <param name="values">The strings.</param>
    /// <param name="shape">The dataset's shape; its element count must equal the number of values.</param>
    /// <param name="options">Contiguous (default) or chunked (one-dimensional only), optionally compressed.</param>
    public Hdf5RecordDatasetWriter WriteStrings(string path, IReadOnlyList<string?> values, long[]? shape = null, Hdf5DatasetOptions? options = null)
    {
        ThrowIfClosed();
        ArgumentNullException.ThrowIfNull(values);
        shape ??= [values.Count];
        if (shape.Aggregate(1L, (a, b) => a * b) != values.Count || shape.Any(d => d < 0))
        {
            throw new ArgumentException($"Dataset '{path}': shape [{string.Join(", ", shape)}] does not hold the {values.Count} values given.");
        }
        var references = GlobalHeapCollection.WriteAll(Space, values.Select(v => Encoding.UTF8.GetBytes(v ?? "")).ToList());
        var dataset = AddRecordDataset(path, shape, DatatypeEncoding.VariableUtf8(), 16, options);
        dataset.Write((first, count, destination) =>
        {
            for (int i = 0; i < count; i++)
            {
                var (length, collection, index) = references[(int)first + i];
                var element = destination.Slice(i * 16, 16);
                BitConverter.TryWriteBytes(element, length);
                BitConverter.TryWriteBytes(element[4..], collection);
                BitConverter.TryWriteBytes(element[12..], index);
            }
        });
        return dataset;
    }

    private Hdf5RecordDatasetWriter AddRecordDataset(string path, long[] shape, byte[] datatype, int elementSize, Hdf5DatasetOptions? options)
    {
        var names = Split(path);
        var parent = Root;
        foreach (var name in names[..^1])
        {
            parent = parent.GetOrCreateGroup(name);
        }
        var dataset = new Hdf5RecordDatasetWriter(this, parent.Join(names[^1]), shape, datatype, elementSize, options ?? new Hdf5DatasetOptions());
        parent.AddMember(names[^1], dataset);
        return dataset;
    }
}
