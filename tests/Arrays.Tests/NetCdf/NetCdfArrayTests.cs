using System.Text.Json;
using Tessera.Arrays;
using Tessera.IO.NetCdf;
using Tessera.Testing;

namespace Tessera.Arrays.Tests.NetCdf;

/// <summary>
/// A packed int16 climate file written by netCDF4-python (monthly time, descending latitudes,
/// fill values) and what xarray makes of it, made once by one Python run.
/// </summary>
public sealed class ClimateFile : IDisposable
{
    public ClimateFile()
    {
        Path = System.IO.Path.Combine(Directory.CreateTempSubdirectory("tessera-arrays-nc-").FullName, "cmip.nc");
        Oracle = JsonDocument.Parse(PythonOracle.Run(Script.Replace("@PATH@", Path, StringComparison.Ordinal))).RootElement.Clone();
    }

    public string Path { get; }

    public JsonElement Oracle { get; }

    public double[] Values(string name) =>
        [.. Oracle.GetProperty(name).EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble())];

    public void Dispose() => Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);

    private const string Script = """
import json, numpy as np, netCDF4, xarray as xr, warnings
warnings.simplefilter('ignore')
n = netCDF4.Dataset('@PATH@', 'w')
n.createDimension('time', None); n.createDimension('lat', 6); n.createDimension('lon', 8)
t = n.createVariable('time', 'i4', ('time',)); t.units = 'days since 2020-01-01'; t.calendar = 'standard'
t[:] = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335]
la = n.createVariable('lat', 'f8', ('lat',)); la.units = 'degrees_north'; la[:] = [75, 45, 15, -15, -45, -75]
lo = n.createVariable('lon', 'f4', ('lon',)); lo[:] = np.arange(8) * 45
v = n.createVariable('tas', 'i2', ('time', 'lat', 'lon'), fill_value=-32767, zlib=True, chunksizes=(5, 3, 8))
v.set_auto_maskandscale(False); v.scale_factor = 0.01; v.add_offset = 273.15; v.units = 'K'
rng = np.random.default_rng(7)
raw = rng.integers(-3000, 3000, size=(12, 6, 8)).astype('i2'); raw[2, 1, 5] = -32767; raw[7, 4, 0] = -32767
v[:] = raw
n.close()
with xr.open_dataset('@PATH@') as ds:
    tas = ds.tas
    def flat(a): return [None if np.isnan(x) else x for x in np.asarray(a, dtype=float).ravel().tolist()]
    sel = tas.sel(time=slice('2020-02-01', '2020-05-31'), lat=slice(30, -30))
    anomaly = tas - tas.mean('time')
    print(json.dumps({'dtype': str(tas.dtype), 'tas': flat(tas), 'sel': flat(sel), 'sel_shape': list(sel.shape),
                      'sel_lat': flat(sel.lat), 'anomaly': flat(anomaly)}))
""";
}

public sealed class NetCdfArrayTests(ClimateFile file) : IClassFixture<ClimateFile>, IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tessera-arrays-nc-out-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void FromNetCdf_PackedInt16_DecodesLikeXarray()
    {
        Assert.Equal("float32", file.Oracle.GetProperty("dtype").GetString());
        var tas = BlockedArray.FromNetCdf<float>(file.Path, "tas", chunks: [5, 3, 8]);
        Assert.Equal([12L, 6, 8], tas.Shape);
        var actual = Flatten(tas);
        Assert.Equal(file.Values("tas"), actual.Select(v => (double)v)); // bit for bit, NaN where the fill was
        Assert.Equal(2, actual.Count(float.IsNaN));
        var labels = tas.Labels()!;
        Assert.Equal(["time", "lat", "lon"], labels.Dimensions);
        Assert.Equal(new DateTime(2020, 3, 1), ((DateTime[])labels.Coordinates["time"])[2]);
        Assert.Equal("K", labels.Attributes["units"]);
    }

    [Fact]
    public void FromNetCdf_NoDecode_ReadsStoredIntegers()
    {
        var raw = BlockedArray.FromNetCdf<short>(file.Path, "tas", decode: false);
        Assert.Contains((short)-32767, Flatten(raw));
        var error = Assert.Throws<ArgumentException>(() => BlockedArray.FromNetCdf<short>(file.Path, "tas"));
        Assert.Contains("FromNetCdf<float>", error.Message);
    }

    [Fact]
    public void Sel_TimeStringsAndDescendingLatitudes_MatchXarray()
    {
        var tas = BlockedArray.FromNetCdf<float>(file.Path, "tas", chunks: [5, 3, 8]);
        var sel = tas.Sel(time: ("2020-02-01", "2020-05-31"), lat: (-30.0, 30.0));
        Assert.Equal(new DateTime(2020, 2, 1), ((DateTime[])sel.Labels()!.Coordinates["time"])[0]);
        Assert.Equal(4, ((DateTime[])sel.Labels()!.Coordinates["time"]).Length);
        Assert.Equal(file.Values("sel_shape").Select(v => (long)v), sel.Shape);
        Assert.Equal(file.Values("sel"), Flatten(sel).Select(v => (double)v));
        Assert.Equal(file.Values("sel_lat"), (double[])sel.Labels()!.Coordinates["lat"]);
        var month = tas.Sel(time: ("2020-03", "2020-03"));
        Assert.Equal(1, month.Shape[0]);
    }

    [Fact]
    public void Sel_Errors_SayWhatToDo()
    {
        var tas = BlockedArray.FromNetCdf<float>(file.Path, "tas");
        Assert.Contains("dimensions are (time, lat, lon)", Assert.Throws<ArgumentException>(() => tas.Sel("level", 1.0, 2.0)).Message);
        Assert.Contains("before other operations", Assert.Throws<InvalidOperationException>(() => (tas * 2f).Sel(lat: (0.0, 1.0))).Message);
        Assert.Contains("not a date", Assert.Throws<FormatException>(() => tas.Sel(time: ("March", "2020-04"))).Message);
    }

    [Fact]
    public void Anomaly_WrittenToNetCdf_ReadsBackEqualInXarrayWithCoordinates()
    {
        var tas = BlockedArray.FromNetCdf<float>(file.Path, "tas", chunks: [5, 3, 8]);
        var anomaly = tas - tas.NanMean(axis: 0, keepDims: true); // xarray skips NaN by default
        var path = Path.Combine(_directory.FullName, "anomaly.nc");
        var labels = tas.Labels()!;
        anomaly.ToNetCdf(path, "anomaly", labels.Dimensions, labels.Coordinates,
            new Dictionary<string, object> { ["units"] = "K", ["long_name"] = "temperature anomaly" },
            new Tessera.IO.Hdf5.Hdf5DatasetOptions { Chunks = [4, 6, 8], CompressionLevel = 1, Shuffle = true });
        var expected = file.Values("anomaly");
        var back = Flatten(BlockedArray.FromNetCdf<float>(path, "anomaly"));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], back[i], 1e-4); // xarray's mean sums in another order
        }
        var seen = PythonOracle.Run($$"""
            import xarray as xr, json
            ds = xr.open_dataset({{JsonSerializer.Serialize(path)}})
            a = ds.anomaly
            print(json.dumps({'dims': list(a.dims), 'units': a.attrs['units'], 'time0': str(ds.time.values[0])[:10],
                              'lat': ds.lat.values.tolist(), 'lat_units': ds.lat.attrs['units']}))
            """);
        var json = JsonDocument.Parse(seen).RootElement;
        Assert.Equal(["time", "lat", "lon"], json.GetProperty("dims").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal("K", json.GetProperty("units").GetString());
        Assert.Equal("2020-01-01", json.GetProperty("time0").GetString());
        Assert.Equal([75.0, 45, 15, -15, -45, -75], json.GetProperty("lat").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal("degrees_north", json.GetProperty("lat_units").GetString());
    }

    [Fact]
    public void NetCdfDataset_SeveralVariables_ShareDimensions()
    {
        var path = Path.Combine(_directory.FullName, "two.nc");
        var a = BlockedArray.FromArray(Enumerable.Range(0, 12).Select(i => (double)i).ToArray(), [3, 4], [2, 4]);
        var b = BlockedArray.FromArray(Enumerable.Range(0, 3).ToArray(), [3], [3]);
        new NetCdfDataset()
            .Coordinate("x", new[] { 1.0, 2.0, 3.0 })
            .Variable("a", a, ["x", "y"], new Dictionary<string, object> { ["_FillValue"] = -1.0 })
            .Variable("b", b, ["x"])
            .Attribute("Conventions", "CF-1.8")
            .Write(path);
        using var nc = Tessera.IO.NetCdf.NetCdf.Open(path);
        Assert.Equal(["x"], nc.Variable("b").Dimensions);
        Assert.Equal(["x", "y"], nc.Variable("a").Dimensions);
        Assert.Equal(3, nc.Dimensions["x"].Length);
        Assert.Equal(4, nc.Dimensions["y"].Length);
        Assert.Equal("CF-1.8", nc.Attributes["Conventions"]);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (double)i), Flatten(BlockedArray.FromNetCdf<double>(path, "a")));
        var mismatch = new NetCdfDataset().Coordinate("x", new[] { 1.0, 2.0 }).Variable("b", b, ["x"]);
        Assert.Contains("must agree", Assert.Throws<ArgumentException>(() => mismatch.Write(Path.Combine(_directory.FullName, "bad.nc"))).Message);
        Assert.False(File.Exists(Path.Combine(_directory.FullName, "bad.nc")));
    }

    private static T[] Flatten<T>(BlockedArray<T> array) where T : unmanaged => [.. array.Compute()];
}
