using System.Diagnostics;
using System.Text.Json;
using Tessera.IO.NetCdf;
using Tessera.Testing;

namespace Tessera.IO.Tests.NetCdf;

/// <summary>
/// The files the netCDF tests share, made once: one written here (NetCdfWriter) and several
/// written by netCDF4-python and xarray (packed int16 with scale and offset, fill values,
/// an unlimited dimension, groups, a noleap calendar). One Python run writes the reference
/// files and reads ours back through xarray; one ncdump -h run shows ours as netCDF-C sees it.
/// </summary>
public sealed class NetCdfFiles : IDisposable
{
    public const int Times = 5, Lats = 7, Lons = 9;

    public NetCdfFiles()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("tessera-netcdf-").FullName;
        WriteOurs(PathOf("ours.nc"));
        var output = PythonOracle.Run(Script.Replace("@DIR@", Directory, StringComparison.Ordinal));
        Oracle = JsonDocument.Parse(output).RootElement.Clone();
        NcDump = RunNcDump(PathOf("ours.nc"));
    }

    public string Directory { get; }

    /// <summary>What xarray saw, by file and variable (see the script).</summary>
    public JsonElement Oracle { get; }

    /// <summary>ncdump -h of the file written here.</summary>
    public string NcDump { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>The values written into ours.nc's tas: a known function of the indices.</summary>
    public static float Tas(int t, int y, int x) => 250f + t + 0.5f * y - 0.25f * x;

    public static readonly DateTime[] TimeValues = [.. Enumerable.Range(0, Times).Select(i => new DateTime(2020, 1, 1).AddDays(31 * i))];

    public static readonly double[] LatValues = [.. Enumerable.Range(0, Lats).Select(i => -45.0 + 15 * i)];

    private static void WriteOurs(string path)
    {
        using var nc = Tessera.IO.NetCdf.NetCdf.Create(path);
        nc.SetAttribute("title", "tessera test");
        nc.SetAttribute("Conventions", "CF-1.8");
        nc.AddTimeCoordinate("time", TimeValues, new Dictionary<string, object> { ["standard_name"] = "time" });
        nc.AddCoordinate<double>("lat", LatValues, new Dictionary<string, object> { ["units"] = "degrees_north", ["long_name"] = "latitude" });
        var tas = nc.AddVariable<float>("tas", ["time", "lat", "lon"], [Times, Lats, Lons],
            new Tessera.IO.Hdf5.Hdf5DatasetOptions { Chunks = [2, Lats, 5], CompressionLevel = 4, Shuffle = true },
            new Dictionary<string, object>
            {
                ["units"] = "K",
                ["long_name"] = "air temperature",
                ["_FillValue"] = -999.0,
                ["scale_check"] = 2.5,
                ["valid_range"] = new float[] { 100f, 400f },
            });
        var values = new float[Times * Lats * Lons];
        for (int t = 0; t < Times; t++)
        {
            for (int y = 0; y < Lats; y++)
            {
                for (int x = 0; x < Lons; x++)
                {
                    values[(t * Lats + y) * Lons + x] = Tas(t, y, x);
                }
            }
        }
        values[3] = -999f; // one missing value
        tas.Write(values);
        var counts = nc.AddVariable<int>("counts", ["lat", "station"], [Lats, 3]);
        counts.Write([.. Enumerable.Range(0, Lats * 3)]);
    }

    private static string RunNcDump(string path)
    {
        var psi = new ProcessStartInfo("ncdump", ["-h", "-s", path]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("ncdump did not start; install netcdf-bin.");
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ncdump -h {path} failed ({process.ExitCode}): {stderr}");
        }
        return stdout;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private const string Script = """
import json, numpy as np, netCDF4, xarray as xr, warnings
warnings.simplefilter('ignore')
d = '@DIR@/'
out = {}

def describe(ds):
    r = {'dims': {k: int(v) for k, v in ds.dims.items()}, 'coords': sorted(ds.coords), 'vars': {}, 'attrs': {k: str(v) for k, v in ds.attrs.items()}}
    for name, v in ds.variables.items():
        vals = v.values
        if np.issubdtype(vals.dtype, np.datetime64):
            vals = (vals.astype('datetime64[s]').astype('int64')).astype(float)
        r['vars'][name] = {'dims': list(v.dims), 'dtype': str(v.dtype), 'attrs': {k: (str(a) if isinstance(a, str) else np.asarray(a).tolist()) for k, a in v.attrs.items()},
                           'encoding_dtype': str(v.encoding.get('dtype', '')),
                           'values': [None if (isinstance(x, float) and np.isnan(x)) else x for x in np.asarray(vals, dtype=float).ravel().tolist()]}
    return r

with xr.open_dataset(d + 'ours.nc') as ds:
    out['ours'] = describe(ds)

# netCDF4-python: packed int16 with scale, offset and fill; unlimited time; a group; missing_value.
n = netCDF4.Dataset(d + 'packed.nc', 'w')
n.createDimension('time', None); n.createDimension('lat', 4); n.createDimension('lon', 6)
t = n.createVariable('time', 'f8', ('time',)); t.units = 'hours since 1999-12-31 12:00:00'; t.calendar = 'gregorian'
t[:] = [0, 6, 12]
la = n.createVariable('lat', 'f4', ('lat',)); la.units = 'degrees_north'; la[:] = [60, 20, -20, -60]
lo = n.createVariable('lon', 'f4', ('lon',)); lo[:] = np.arange(6) * 60
p = n.createVariable('tas', 'i2', ('time', 'lat', 'lon'), fill_value=-32767, zlib=True, chunksizes=(1, 4, 3))
p.set_auto_maskandscale(False)
p.scale_factor = 0.01; p.add_offset = 280.0; p.units = 'K'
raw = (np.arange(3 * 4 * 6).reshape(3, 4, 6) * 37 % 2000 - 1000).astype('i2')
raw[1, 2, 3] = -32767
p[:] = raw
s = n.createVariable('scaled', 'i2', ('lat', 'lon')); s.set_auto_maskandscale(False); s.scale_factor = np.float32(0.5)
s.missing_value = np.int16(-1); s[:] = (np.arange(24).reshape(4, 6) - 1).astype('i2')
r = n.createVariable('ranged', 'f4', ('lat',)); r.valid_range = np.array([0, 10], 'f4'); r[:] = [-5, 0, 5, 15]
g = n.createGroup('model'); g.institution = 'test'
g.createDimension('level', 2)
gv = g.createVariable('ua', 'f8', ('time', 'level'), fill_value=1e20); gv[:] = [[1, 2], [3, 1e20], [5, 6]]
nl = n.createVariable('days', 'i4', ('time',)); nl.units = 'days since 2000-01-01'; nl.calendar = 'noleap'; nl[:] = [0, 59, 60]
n.close()
with xr.open_dataset(d + 'packed.nc') as ds:
    out['packed'] = describe(ds.drop_vars('days'))
with xr.open_dataset(d + 'packed.nc', group='model') as ds:
    out['packed/model'] = describe(ds)

# xarray's own to_netcdf: encoding with int16 packing and a time coordinate.
da = xr.Dataset({'pr': (('time', 'y'), np.linspace(0, 1, 8).reshape(4, 2))},
                coords={'time': np.array(['2021-03-01', '2021-03-02', '2021-03-03', '2021-03-05'], dtype='datetime64[ns]'), 'y': [10.0, 20.0]})
da['pr'][1, 1] = np.nan
da.to_netcdf(d + 'xr.nc', encoding={'pr': {'dtype': 'int16', 'scale_factor': 0.001, '_FillValue': -9999}})
with xr.open_dataset(d + 'xr.nc') as ds:
    out['xr'] = describe(ds)
print(json.dumps(out))
""";
}

[CollectionDefinition(Name)]
public sealed class NetCdfFilesCollection : ICollectionFixture<NetCdfFiles>
{
    public const string Name = "netCDF files";
}
