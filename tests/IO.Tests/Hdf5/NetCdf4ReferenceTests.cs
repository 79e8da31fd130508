using Tessera.IO.Hdf5;

namespace Tessera.IO.Tests.Hdf5;

/// <summary>
/// netCDF4's dimension scales through object references: a variable's DIMENSION_LIST names one
/// scale per axis, a scale's REFERENCE_LIST names the variables (and axes) attached to it.
/// </summary>
[Collection(Hdf5FilesCollection.Name)]
public sealed class NetCdf4ReferenceTests(Hdf5Files files)
{
    [Fact]
    public void DimensionList_ResolvesToTheDimensionScalesInAxisOrder()
    {
        using var file = Hdf5File.Open(files.PathOf("climate.nc"));
        var lists = Assert.IsType<Hdf5ObjectReference[][]>(file.Dataset("tas").Attributes["DIMENSION_LIST"].Value);
        Assert.Equal(["/time", "/lat", "/lon"], lists.Select(axis => file.PathOf(Assert.Single(axis))));
    }

    [Fact]
    public void ReferenceList_NamesTheVariablesAndAxesAttachedToAScale()
    {
        using var file = Hdf5File.Open(files.PathOf("climate.nc"));
        var columns = Assert.IsType<Hdf5Columns>(file.Dataset("lat").Attributes["REFERENCE_LIST"].Value);
        Assert.Equal(["dataset", "dimension"], columns.Keys);
        var attached = columns.Get<Hdf5ObjectReference>("dataset").Select(file.PathOf)
            .Zip(columns.Get<int>("dimension"), (path, axis) => $"{path}:{axis}").ToHashSet();
        Assert.Contains("/tas:1", attached);
        Assert.Contains("/pr:1", attached);
        Assert.Contains("/v0:0", attached);
        Assert.Throws<KeyNotFoundException>(() => file.PathOf(new Hdf5ObjectReference(3)));
    }
}
