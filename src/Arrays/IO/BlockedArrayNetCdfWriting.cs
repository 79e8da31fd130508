using System.Numerics;
using Tessera.IO.Hdf5;

namespace Tessera.Arrays;

/// <summary>Writing blocked arrays to netCDF-4.</summary>
public static class BlockedArrayNetCdfWriting
{
    /// <summary>
    /// Computes <paramref name="array"/> and streams it into variable <paramref name="variable"/> of a
    /// new netCDF-4 file, with named dimensions (<paramref name="dims"/>, one per axis), coordinate
    /// variables (<paramref name="coords"/>: numbers or <see cref="DateTime"/>s by dimension name)
    /// and typed attributes (<paramref name="attrs"/>: units, long_name, _FillValue…). Dimensions and
    /// coordinates default to the labels FromNetCdf or Sel attached. Stored as
    /// <paramref name="storage"/> says (chunks, deflate, shuffle; contiguous by default), like ToHdf5.
    /// For several variables in one file use <see cref="NetCdfDataset"/>.
    /// </summary>
    public static void ToNetCdf<T>(this BlockedArray<T> array, string path, string variable, IReadOnlyList<string>? dims = null,
        IReadOnlyDictionary<string, Array>? coords = null, IReadOnlyDictionary<string, object>? attrs = null,
        Hdf5DatasetOptions? storage = null, ComputeOptions? computeOptions = null)
        where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(array);
        var labels = array.Labels();
        dims ??= labels?.Dimensions ?? throw new ArgumentException(
            $"Name the dimensions of '{variable}' (one per axis of shape [{string.Join(", ", array.Shape)}]), e.g. dims: [\"time\", \"lat\", \"lon\"].",
            nameof(dims));
        coords ??= labels?.Coordinates ?? new Dictionary<string, Array>();
        var dataset = new NetCdfDataset();
        foreach (var (name, values) in coords)
        {
            var attributes = name == "lat" ? new Dictionary<string, object> { ["units"] = "degrees_north", ["standard_name"] = "latitude" }
                : name == "lon" ? new Dictionary<string, object> { ["units"] = "degrees_east", ["standard_name"] = "longitude" }
                : values is DateTime[]? new Dictionary<string, object> { ["standard_name"] = "time" }
                : null;
            dataset.Coordinate(name, values, attributes);
        }
        dataset.Variable(variable, array, dims, attrs, storage).Write(path, computeOptions);
    }
}
