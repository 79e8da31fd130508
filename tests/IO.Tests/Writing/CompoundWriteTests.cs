using System.Runtime.InteropServices;
using System.Text.Json;
using Tessera.IO.Hdf5;
using Tessera.Testing;

namespace Tessera.IO.Tests.Writing;

/// <summary>
/// Compound, string and pandas-table datasets written here are read back by h5py, PyTables and
/// pandas (Debian's python3-h5py, python3-tables, python3-pandas) and compared value by value.
/// </summary>
public sealed class CompoundWriteTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tessera-h5cw-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_directory.FullName, name);

    private static KeyValuePair<string, Array>[] Columns(int rows)
    {
        var random = new Random(rows);
        var vectors = new float[rows, 3];
        for (var r = 0; r < rows; r++)
        {
            for (var k = 0; k < 3; k++)
            {
                vectors[r, k] = (float)random.NextDouble();
            }
        }
        return
        [
            new("index", Enumerable.Range(0, rows).Select(i => (long)i * 5 - 7).ToArray()),
            new("a", Enumerable.Range(0, rows).Select(_ => random.NextDouble() * 1e6).ToArray()),
            new("name", Enumerable.Range(0, rows).Select(i => i % 5 == 0 ? "" : $"row {i} é").ToArray()),
            new("v", vectors),
            new("small", Enumerable.Range(0, rows).Select(i => (short)(i - 300)).ToArray()),
        ];
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WriteColumns_IsReadByH5pyAndBackByReadColumns(bool chunkedGzip)
    {
        var path = PathOf("columns.h5");
        var columns = Columns(733);
        using (var writer = Hdf5Writer.Create(path))
        {
            writer.WriteColumns("g/records", columns,
                chunkedGzip ? new Hdf5DatasetOptions { Chunks = [100], CompressionLevel = 4, Shuffle = true } : null);
        }
        var h5py = JsonDocument.Parse(PythonOracle.Run($$"""
            import h5py, json
            with h5py.File({{Quote(path)}}, 'r') as f:
                r = f['g/records'][()]
                print(json.dumps({'dtype': str(r.dtype), 'index': r['index'].tolist(), 'a': r['a'].tolist(),
                    'name': [x.decode() for x in r['name']], 'v': r['v'].tolist(), 'small': r['small'].tolist()}))
            """)).RootElement;
        Assert.StartsWith("[('index', '<i8'), ('a', '<f8'), ('name', 'S", h5py.GetProperty("dtype").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("('v', '<f4', (3,)), ('small', '<i2')]", h5py.GetProperty("dtype").GetString(), StringComparison.Ordinal);
        Assert.Equal((long[])columns[0].Value, h5py.GetProperty("index").EnumerateArray().Select(x => x.GetInt64()));
        Assert.Equal((double[])columns[1].Value, h5py.GetProperty("a").EnumerateArray().Select(x => x.GetDouble()));
        Assert.Equal((string[])columns[2].Value, h5py.GetProperty("name").EnumerateArray().Select(x => x.GetString()!));
        Assert.Equal(((short[])columns[4].Value).Select(x => (long)x), h5py.GetProperty("small").EnumerateArray().Select(x => x.GetInt64()));
        var v = (float[,])columns[3].Value;
        var hv = h5py.GetProperty("v").EnumerateArray().Select(r => r.EnumerateArray().Select(x => (float)x.GetDouble()).ToArray()).ToArray();
        Assert.Equal(Enumerable.Range(0, 733 * 3).Select(i => v[i / 3, i % 3]), hv.SelectMany(r => r));

        using var file = Hdf5File.Open(path);
        var back = file.Dataset("g/records").ReadColumns();
        Assert.Equal(columns.Select(c => c.Key), back.Keys);
        foreach (var (name, values) in columns)
        {
            Assert.Equal(values, back[name]);
        }
    }

    [Fact]
    public void ReadColumns_OfATableLargerThanOneBand_GivesEveryRowOnce()
    {
        var path = PathOf("large.h5");
        const int rows = 300_001; // 7.2 MB of records: decoded in two 4 MiB bands and a remainder
        long[] index = [.. Enumerable.Range(0, rows).Select(i => (long)i)];
        double[] value = [.. Enumerable.Range(0, rows).Select(i => i * 0.5)];
        var pair = new int[rows, 2];
        for (var i = 0; i < rows; i++)
        {
            pair[i, 0] = i;
            pair[i, 1] = -i;
        }
        using (var writer = Hdf5Writer.Create(path))
        {
            writer.WriteColumns("t", [new("index", index), new("value", value), new("pair", pair)],
                new Hdf5DatasetOptions { Chunks = [4096], CompressionLevel = 1 });
        }
        using var file = Hdf5File.Open(path);
        var all = file.Dataset("t").ReadColumns();
        Assert.Equal(index, all.Get<long>("index"));
        Assert.Equal(value, all.Get<double>("value"));
        Assert.Equal(pair, (int[,])all["pair"]);
        var band = file.Dataset("t").ReadColumns(new Hyperslab([50_001], [200_000]));
        Assert.Equal(Enumerable.Range(50_001, 200_000).Select(k => (long)k), band.Get<long>("index"));
        Assert.Equal(-(50_001 + 199_999), ((int[,])band["pair"])[199_999, 1]);
        var stepped = file.Dataset("t").ReadColumns(new Hyperslab([7], [99_998], [3]));
        Assert.Equal(Enumerable.Range(0, 99_998).Select(k => 7L + (3L * k)), stepped.Get<long>("index"));
    }

    [Fact]
    public void WriteStrings_VariableLengthUtf8_IsReadByH5pyAsStr()
    {
        var path = PathOf("strings.h5");
        string?[] values = [.. Enumerable.Range(0, 70000).Select(i => i % 7 == 0 ? "" : $"s{i}-ñ-{new string('x', i % 13)}")];
        values[3] = null;
        using (var writer = Hdf5Writer.Create(path))
        {
            writer.WriteStrings("names", values);
            writer.WriteStrings("grid", ["a", "bb", "ccc", "dddd", "", "ü"], [2, 3], null);
        }
        var h5py = JsonDocument.Parse(PythonOracle.Run($$"""
            import h5py, json
            with h5py.File({{Quote(path)}}, 'r') as f:
                d = f['names']
                print(json.dumps({'vlen': h5py.check_string_dtype(d.dtype).encoding, 'names': [x.decode() for x in d[()]],
                                  'grid': [[x.decode() for x in row] for row in f['grid'][()]]}))
            """)).RootElement;
        Assert.Equal("utf-8", h5py.GetProperty("vlen").GetString());
        Assert.Equal(values.Select(v => v ?? ""), h5py.GetProperty("names").EnumerateArray().Select(x => x.GetString()!));
        Assert.Equal(["a", "bb", "ccc", "dddd", "", "ü"], h5py.GetProperty("grid").EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(x => x.GetString()!));
        using var file = Hdf5File.Open(path);
        Assert.Equal(values.Select(v => v ?? ""), file.Dataset("names").ReadStrings());
    }

    [Fact]
    public void PandasTable_IsReadByPandasReadHdf()
    {
        var path = PathOf("frame.h5");
        var rows = 1234;
        var random = new Random(7);
        long[] index = [.. Enumerable.Range(0, rows).Select(i => (long)(i * 3) + 10)];
        KeyValuePair<string, Array>[] columns =
        [
            new("price", Enumerable.Range(0, rows).Select(_ => random.NextDouble() * 100).ToArray()),
            new("count", Enumerable.Range(0, rows).Select(i => i % 17).ToArray()),
            new("name", Enumerable.Range(0, rows).Select(i => $"item{i % 23}").ToArray()),
            new("total", Enumerable.Range(0, rows).Select(i => (long)i * i).ToArray()),
        ];
        using (var writer = Hdf5Writer.Create(path))
        {
            Hdf5PandasTable.Write(writer, "df", index, columns, compressionLevel: 4);
        }
        var pandas = JsonDocument.Parse(PythonOracle.Run($$"""
            import json, pandas as pd
            df = pd.read_hdf({{Quote(path)}}, 'df')
            sel = pd.read_hdf({{Quote(path)}}, 'df', where='index > 3000')
            print(json.dumps({'columns': list(df.columns), 'dtypes': [str(t) for t in df.dtypes], 'index': df.index.tolist(),
                              'price': df['price'].tolist(), 'count': df['count'].tolist(), 'name': df['name'].tolist(),
                              'total': df['total'].tolist(), 'selected': len(sel)}))
            """)).RootElement;
        Assert.Equal(["price", "count", "name", "total"], pandas.GetProperty("columns").EnumerateArray().Select(x => x.GetString()!));
        Assert.Equal(["float64", "int32", "object", "int64"], pandas.GetProperty("dtypes").EnumerateArray().Select(x => x.GetString()!));
        Assert.Equal(index, pandas.GetProperty("index").EnumerateArray().Select(x => x.GetInt64()));
        Assert.Equal((double[])columns[0].Value, pandas.GetProperty("price").EnumerateArray().Select(x => x.GetDouble()));
        Assert.Equal((int[])columns[1].Value, pandas.GetProperty("count").EnumerateArray().Select(x => x.GetInt32()));
        Assert.Equal((string[])columns[2].Value, pandas.GetProperty("name").EnumerateArray().Select(x => x.GetString()!));
        Assert.Equal((long[])columns[3].Value, pandas.GetProperty("total").EnumerateArray().Select(x => x.GetInt64()));
        Assert.Equal(index.Count(i => i > 3000), pandas.GetProperty("selected").GetInt32());
    }

    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    private struct Point
    {
        public short X;
        public ushort Y;
    }

    private enum Colour : byte
    {
        Red = 1,
        Blue = 9,
    }

    [StructLayout(LayoutKind.Explicit, Size = 48)]
    private unsafe struct Observation
    {
        [FieldOffset(0)] public long Id;
        [FieldOffset(8)] public double Value;
        [FieldOffset(16)] public fixed byte Station[10];
        [FieldOffset(28)] public fixed float Wind[3];
        [FieldOffset(40)] public Point Where;
        [FieldOffset(44)] public Colour Flag;
    }

    [Fact]
    public unsafe void WriteRecords_OfAStruct_IsReadByH5pyAndBackByReadTStruct()
    {
        var path = PathOf("records.h5");
        var records = new Observation[301];
        for (var i = 0; i < records.Length; i++)
        {
            records[i].Id = i * 11;
            records[i].Value = i / 7.0;
            var name = System.Text.Encoding.ASCII.GetBytes($"st{i % 17}");
            for (var k = 0; k < name.Length; k++)
            {
                records[i].Station[k] = name[k];
            }
            for (var k = 0; k < 3; k++)
            {
                records[i].Wind[k] = i + (k * 0.5f);
            }
            records[i].Where = new Point { X = (short)(i - 150), Y = (ushort)(i * 200) };
            records[i].Flag = i % 2 == 0 ? Colour.Red : Colour.Blue;
        }
        using (var writer = Hdf5Writer.Create(path))
        {
            writer.WriteRecords<Observation>("obs", records, new Hdf5DatasetOptions { Chunks = [64], CompressionLevel = 3, Shuffle = true });
        }
        var h5py = JsonDocument.Parse(PythonOracle.Run($$"""
            import h5py, json, numpy as np
            expected = np.dtype({'names': ['Id', 'Value', 'Station', 'Wind', 'Where', 'Flag'],
                                 'formats': ['<i8', '<f8', 'S10', ('<f4', (3,)), [('X', '<i2'), ('Y', '<u2')], 'u1'],
                                 'offsets': [0, 8, 16, 28, 40, 44], 'itemsize': 48})
            with h5py.File({{Quote(path)}}, 'r') as f:
                r = f['obs'][()]
                print(json.dumps({'dtype': str(r.dtype), 'same': bool(r.dtype == expected), 'itemsize': r.dtype.itemsize, 'Id': r['Id'].tolist(), 'Station': [x.decode() for x in r['Station']],
                                  'Wind': r['Wind'].tolist(), 'X': r['Where']['X'].tolist(), 'Y': r['Where']['Y'].tolist(), 'Flag': r['Flag'].tolist()}))
            """)).RootElement;
        Assert.Equal(48, h5py.GetProperty("itemsize").GetInt32());
        Assert.True(h5py.GetProperty("same").GetBoolean(), $"h5py reads dtype {h5py.GetProperty("dtype").GetString()}");
        Assert.Equal(records.Select(r => r.Id), h5py.GetProperty("Id").EnumerateArray().Select(x => x.GetInt64()));
        Assert.Equal(records.Select((_, i) => $"st{i % 17}"), h5py.GetProperty("Station").EnumerateArray().Select(x => x.GetString()!));
        Assert.Equal(records.SelectMany((_, i) => new[] { i, i + 0.5f, i + 1f }), h5py.GetProperty("Wind").EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(x => (float)x.GetDouble()));
        Assert.Equal(records.Select(r => (long)r.Where.X), h5py.GetProperty("X").EnumerateArray().Select(x => x.GetInt64()));
        Assert.Equal(records.Select(r => (long)r.Where.Y), h5py.GetProperty("Y").EnumerateArray().Select(x => x.GetInt64()));
        Assert.Equal(records.Select(r => (long)r.Flag), h5py.GetProperty("Flag").EnumerateArray().Select(x => x.GetInt64()));

        using var file = Hdf5File.Open(path);
        var back = new Observation[records.Length];
        file.Dataset("obs").Read<Observation>().FlattenTo(back);
        Assert.Equal(MemoryMarshal.AsBytes(records.AsSpan()).ToArray(), MemoryMarshal.AsBytes(back.AsSpan()).ToArray());
    }

    private static string Quote(string s) => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
