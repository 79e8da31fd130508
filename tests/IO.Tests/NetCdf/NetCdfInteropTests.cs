using System.Text.Json;
using Tessera.IO.Hdf5;
using Tessera.IO.NetCdf;

namespace Tessera.IO.Tests.NetCdf;

/// <summary>
/// netCDF4 both ways against netCDF-C (ncdump) and xarray: the file NetCdfWriter writes shows its
/// dimensions, coordinates, typed attributes and values there; files netCDF4-python and xarray
/// write (packed int16, fill and missing values, unlimited dimensions, groups) list and decode here
/// as xarray decodes them.
/// </summary>
[Collection(NetCdfFilesCollection.Name)]
public sealed class NetCdfInteropTests(NetCdfFiles files)
{
    [Fact]
    public void Write_NcDump_ShowsDimensionsVariablesAndTypedAttributes()
    {
        var dump = files.NcDump;
        Assert.Contains("time = 5 ;", dump);
        Assert.Contains("lon = 9 ;", dump);
        Assert.Contains("station = 3 ;", dump);
        Assert.Contains("float tas(time, lat, lon) ;", dump);
        Assert.Contains("int counts(lat, station) ;", dump);
        Assert.Contains("double lat(lat) ;", dump);
        Assert.Contains("tas:_FillValue = -999.f ;", dump);     // typed as the variable (float), not double
        Assert.Contains("tas:valid_range = 100.f, 400.f ;", dump);
        Assert.Contains("tas:units = \"K\" ;", dump);            // NC_CHAR, not NC_STRING
        Assert.Contains("lat:units = \"degrees_north\" ;", dump);
        Assert.Contains("time:calendar = \"proleptic_gregorian\" ;", dump);
        Assert.Contains("tas:_ChunkSizes = 2, 7, 5 ;", dump);
        Assert.Contains("tas:_DeflateLevel = 4 ;", dump);
        Assert.Contains(":title = \"tessera test\" ;", dump);
        Assert.DoesNotContain("phony_dim", dump);
    }

    [Fact]
    public void Write_Xarray_SeesDimensionsCoordinatesAttributesAndValues()
    {
        var ours = files.Oracle.GetProperty("ours");
        Assert.Equal(["lat", "time"], ours.GetProperty("coords").EnumerateArray().Select(e => e.GetString()!));
        var tas = ours.GetProperty("vars").GetProperty("tas");
        Assert.Equal(["time", "lat", "lon"], tas.GetProperty("dims").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal("K", tas.GetProperty("attrs").GetProperty("units").GetString());
        Assert.Equal("air temperature", tas.GetProperty("attrs").GetProperty("long_name").GetString());
        var values = Values(tas);
        for (int t = 0, i = 0; t < NetCdfFiles.Times; t++)
        {
            for (int y = 0; y < NetCdfFiles.Lats; y++)
            {
                for (int x = 0; x < NetCdfFiles.Lons; x++, i++)
                {
                    Assert.Equal(i == 3 ? double.NaN : NetCdfFiles.Tas(t, y, x), values[i]);
                }
            }
        }
        var time = ours.GetProperty("vars").GetProperty("time");
        Assert.Equal("datetime64[ns]", time.GetProperty("dtype").GetString());
        Assert.Equal(NetCdfFiles.TimeValues.Select(d => (double)new DateTimeOffset(d, TimeSpan.Zero).ToUnixTimeSeconds()), Values(time));
        Assert.Equal(NetCdfFiles.LatValues, Values(ours.GetProperty("vars").GetProperty("lat")));
        Assert.Equal(Enumerable.Range(0, 21).Select(i => (double)i), Values(ours.GetProperty("vars").GetProperty("counts")));
    }

    [Fact]
    public void Open_OwnFile_ListsWhatWasWritten()
    {
        using var nc = Tessera.IO.NetCdf.NetCdf.Open(files.PathOf("ours.nc"));
        Assert.Equal(["time", "lat", "lon", "station"], nc.Dimensions.Values.OrderBy(d => DimId(nc, d.Name)).Select(d => d.Name));
        Assert.Equal(["counts", "lat", "tas", "time"], nc.Variables.Keys.Order());
        var tas = nc.Variable("tas");
        Assert.Equal(["time", "lat", "lon"], tas.Dimensions);
        Assert.Equal(["time", "lat"], tas.Coordinates); // lon has no coordinate variable
        Assert.Equal(-999.0, tas.Attributes["_FillValue"]);
        Assert.Equal("K", tas.Attributes["units"]);
        Assert.Equal("tessera test", nc.Attributes["title"]);
        Assert.Equal(NetCdfFiles.TimeValues, nc.Variable("time").ReadTimes());
        Assert.True(tas.Encoding.DecodesToSingle(tas.StoredType));
    }

    [Fact]
    public void Open_NetCdf4PythonFile_ListsUnlimitedDimensionsGroupsAndCoordinates()
    {
        using var nc = Tessera.IO.NetCdf.NetCdf.Open(files.PathOf("packed.nc"));
        Assert.True(nc.Dimensions["time"].IsUnlimited);
        Assert.Equal(3, nc.Dimensions["time"].Length);
        Assert.False(nc.Dimensions["lat"].IsUnlimited);
        var tas = nc.Variable("tas");
        Assert.Equal(["time", "lat", "lon"], tas.Dimensions);
        Assert.Equal(["time", "lat", "lon"], tas.Coordinates);
        Assert.Equal(0.01, tas.Attributes["scale_factor"]);
        Assert.Equal(-32767L, tas.Attributes["_FillValue"]);
        var model = nc.Groups["model"];
        Assert.Equal("test", model.Attributes["institution"]);
        var ua = nc.Variable("model/ua");
        Assert.Equal(["time", "level"], ua.Dimensions); // time comes from the parent group
        Assert.Same(nc.Variable("time"), model.CoordinateFor("time"));
        var missing = Assert.Throws<KeyNotFoundException>(() => nc.Variable("precip"));
        Assert.Contains("tas", missing.Message);
    }

    [Theory]
    [InlineData("packed", "tas")]
    [InlineData("packed", "scaled")]
    [InlineData("packed", "ranged")]
    [InlineData("packed/model", "ua")]
    [InlineData("xr", "pr")]
    public void Decode_MatchesXarrayValuesAndDtype(string file, string variable)
    {
        var path = files.PathOf((file.Contains('/') ? file[..file.IndexOf('/')] : file) + ".nc");
        var name = file.Contains('/') ? file[(file.IndexOf('/') + 1)..] + "/" + variable : variable;
        using var nc = Tessera.IO.NetCdf.NetCdf.Open(path);
        var v = nc.Variable(name);
        var expected = files.Oracle.GetProperty(file).GetProperty("vars").GetProperty(variable);
        var single = v.Encoding.DecodesToSingle(v.StoredType);
        Assert.Equal(expected.GetProperty("dtype").GetString(), single ? "float32" : "float64");
        var count = (int)v.Shape.Aggregate(1L, (a, b) => a * b);
        double[] actual;
        if (single)
        {
            var f = new float[count];
            NumericRead.Decoded(v.Dataset, Hyperslab.All([.. v.Shape]), v.Encoding, f.AsSpan(), maskInvalid: false);
            actual = [.. f.Select(x => (double)x)];
        }
        else
        {
            actual = new double[count];
            NumericRead.Decoded(v.Dataset, Hyperslab.All([.. v.Shape]), v.Encoding, actual.AsSpan(), maskInvalid: false);
        }
        Assert.Equal(Values(expected), actual); // bit for bit: the same float arithmetic as xarray's
    }

    [Fact]
    public void Decode_ValidRangeWhenAsked_MasksOutsideValues()
    {
        using var nc = Tessera.IO.NetCdf.NetCdf.Open(files.PathOf("packed.nc"));
        var ranged = nc.Variable("ranged");
        var values = new float[4];
        NumericRead.Decoded(ranged.Dataset, Hyperslab.All([4]), ranged.Encoding, values.AsSpan(), maskInvalid: true);
        Assert.Equal([float.NaN, 0f, 5f, float.NaN], values);
    }

    [Fact]
    public void Times_StandardAndProlepticCalendars_MatchXarray()
    {
        using var packed = Tessera.IO.NetCdf.NetCdf.Open(files.PathOf("packed.nc"));
        Assert.Equal(Seconds(files.Oracle.GetProperty("packed").GetProperty("vars").GetProperty("time")), packed.Variable("time").ReadTimes());
        using var xr = Tessera.IO.NetCdf.NetCdf.Open(files.PathOf("xr.nc"));
        Assert.Equal(Seconds(files.Oracle.GetProperty("xr").GetProperty("vars").GetProperty("time")), xr.Variable("time").ReadTimes());
        Assert.True(xr.Variable("time").IsTime);
        Assert.False(xr.Variable("y").IsTime);
    }

    [Fact]
    public void Times_NoLeapCalendar_FailsNamingTheCalendarAndTheFix()
    {
        using var nc = Tessera.IO.NetCdf.NetCdf.Open(files.PathOf("packed.nc"));
        var error = Assert.Throws<NotSupportedException>(() => nc.Variable("days").ReadTimes());
        Assert.Contains("noleap", error.Message);
        Assert.Contains("decode: false", error.Message);
    }

    [Fact]
    public void Open_NetCdf3File_SaysHowToConvert()
    {
        var path = files.PathOf("classic.nc");
        File.WriteAllBytes(path, [(byte)'C', (byte)'D', (byte)'F', 1, 0, 0, 0, 0]);
        var error = Assert.Throws<NotSupportedException>(() => Tessera.IO.NetCdf.NetCdf.Open(path));
        Assert.Contains("nccopy -k nc4", error.Message);
    }

    [Fact]
    public void Write_BadInput_ExplainsTheFix()
    {
        using var nc = Tessera.IO.NetCdf.NetCdf.Create(files.PathOf("bad.nc"));
        var rank = Assert.Throws<ArgumentException>(() => nc.AddVariable<float>("x", ["a"], [2, 3]));
        Assert.Contains("one dimension per axis", rank.Message);
        nc.AddDimension("a", 2);
        var length = Assert.Throws<ArgumentException>(() => nc.AddVariable<float>("y", ["a"], [5]));
        Assert.Contains("already defined with length 2", length.Message);
        var fill = Assert.Throws<ArgumentException>(() => nc.AddVariable<byte>("z", ["a"], [2], attributes: new Dictionary<string, object> { ["_FillValue"] = 1000 }));
        Assert.Contains("does not fit", fill.Message);
        nc.Abort();
        Assert.False(File.Exists(files.PathOf("bad.nc")));
    }

    private static int DimId(NetCdfFile nc, string name) =>
        (int)(long)nc.Hdf5.Dataset(name).Attributes["_Netcdf4Dimid"].Value!;

    private static double[] Values(JsonElement variable) =>
        [.. variable.GetProperty("values").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble())];

    private static DateTime[] Seconds(JsonElement variable) =>
        [.. Values(variable).Select(s => DateTime.SpecifyKind(DateTime.UnixEpoch.AddSeconds(s), DateTimeKind.Utc))];
}
