using Tessera.IO.Hdf5;

namespace Tessera.IO.Tests.Hdf5;

/// <summary>
/// netCDF4 files (netCDF-C through python3-netcdf4): superblock v2, v2 headers with creation
/// order tracked, dense links past 8 variables, dense attributes past 8, dimension scales,
/// B-tree v1 chunk indexes under an unlimited time axis.
/// </summary>
[Collection(Hdf5FilesCollection.Name)]
public sealed class NetCdf4Tests(Hdf5Files files)
{
    private Hdf5File Open() => Hdf5File.Open(files.PathOf("climate.nc"));

    [Fact]
    public void Open_NetCdf4_IsSuperblockV2WithVariablesInCreationOrder()
    {
        using var file = Open();
        Assert.Equal(2, file.SuperblockVersion);
        var names = file.Root.Members.Select(m => m.Name).ToList();
        Assert.Equal(["time", "lat", "lon", "bnds", "tas", "pr", "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "forecast"], names);
        Assert.Equal(Hdf5MemberKind.Group, file.Root.Members.Single(m => m.Name == "forecast").Kind);
    }

    [Fact]
    public void Read_CompressedRecordVariable_MatchesNetCdf4()
    {
        using var file = Open();
        var tas = file.Dataset("tas");
        Assert.Equal([31L, 73L, 144L], tas.Shape);
        Assert.Equal(-1L, tas.MaxShape[0]);
        Assert.Equal(ChunkIndexType.BTreeV1, tas.ChunkIndex);
        Assert.Contains(tas.Filters, f => f.Id == Hdf5Filter.Deflate);
        TensorAssert.Equal(files.Expected("climate", "tas"), [31, 73, 144], tas.Read<float>());
        Assert.Equal((double)1e20f, (double)tas.FillValue!);
    }

    [Fact]
    public void Read_ShuffledInt16WithExplicitChunks_MatchesNetCdf4()
    {
        using var file = Open();
        var pr = file.Dataset("pr");
        Assert.Equal([5L, 20L, 30L], pr.ChunkShape!);
        TensorAssert.Equal(files.Expected("climate", "pr"), [31, 73, 144], pr.Read<short>());
        var expected = TensorAssert.FromLittleEndian<short>(files.Expected("climate", "pr"));
        var slab = TensorAssert.Flatten(pr.Read<short>(new Hyperslab([3, 10, 7], [20, 50, 13], [1, 1, 11])));
        for (int t = 0; t < 20; t++)
        {
            for (int y = 0; y < 50; y++)
            {
                for (int x = 0; x < 13; x++)
                {
                    Assert.Equal(expected[((3 + t) * 73 + 10 + y) * 144 + 7 + x * 11], slab[(t * 50 + y) * 13 + x]);
                }
            }
        }
    }

    [Fact]
    public void Read_CoordinateVariables_MatchNetCdf4()
    {
        using var file = Open();
        TensorAssert.Equal(files.Expected("climate", "lat"), [73], file.Dataset("lat").Read<float>());
        TensorAssert.Equal(files.Expected("climate", "lon"), [144], file.Dataset("lon").Read<float>());
        TensorAssert.Equal(files.Expected("climate", "time"), [31], file.Dataset("time").Read<double>());
        TensorAssert.Equal(files.Expected("climate", "forecast.step"), [4], file.Dataset("/forecast/step").Read<long>());
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(Enumerable.Range(0, 73).Select(k => k * i), TensorAssert.Flatten(file.Dataset($"v{i}").Read<int>()));
        }
    }

    [Fact]
    public void Attributes_NetCdfConventions_Decode()
    {
        using var file = Open();
        var root = file.Root.Attributes;
        Assert.Equal("synthetic climate", root["title"].AsString());
        Assert.StartsWith("version=", root["_NCProperties"].AsString());
        var tas = file.Dataset("tas").Attributes;
        Assert.Equal("K", tas["units"].AsString());
        Assert.Equal("near-surface air temperature", tas["long_name"].AsString());
        for (int i = 0; i < 12; i++)
        {
            Assert.Equal((double)i, tas[$"extra_{i:00}"].AsDouble());
        }
        Assert.Equal((double)1e20f, tas["_FillValue"].AsDouble());
        Assert.Equal(Hdf5TypeClass.VariableLength, tas["DIMENSION_LIST"].Type.Class);
        var lat = file.Dataset("lat").Attributes;
        Assert.Equal("DIMENSION_SCALE", lat["CLASS"].AsString());
        Assert.Equal(Hdf5TypeClass.Compound, lat["REFERENCE_LIST"].Type.Class);
        Assert.StartsWith("This is a netCDF dimension but not a netCDF variable.", file.Dataset("bnds").Attributes["NAME"].AsString());
    }
}
