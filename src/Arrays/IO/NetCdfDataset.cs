using System.Numerics;
using Tessera.IO.Hdf5;
using Tessera.IO.NetCdf;

namespace Tessera.Arrays;

/// <summary>
/// Several blocked arrays written into one netCDF-4 file, sharing dimensions and coordinates
/// (xarray's Dataset.to_netcdf):
/// <code>
/// new NetCdfDataset()
///     .Coordinate("time", times).Coordinate("lat", lats, new() { ["units"] = "degrees_north" })
///     .Variable("tas", tas, ["time", "lat", "lon"], new() { ["units"] = "K" })
///     .Write("out.nc");
/// </code>
/// Each variable is computed and streamed block by block into the file; the file appears only
/// when every variable was written.
/// </summary>
public sealed class NetCdfDataset
{
    private readonly List<(string Name, Array Values, IReadOnlyDictionary<string, object>? Attributes)> _coordinates = [];
    private readonly List<(string Name, IReadOnlyList<string> Dims, IReadOnlyList<long> Shape, Action<NetCdfWriter, ComputeOptions?> Write)> _variables = [];
    private readonly Dictionary<string, object> _attributes = new(StringComparer.Ordinal);

    /// <summary>
    /// Adds the coordinate variable of dimension <paramref name="name"/>: numbers (double[], float[],
    /// int[], long[], short[]) or <see cref="DateTime"/>[] (written as CF time, which xarray decodes).
    /// </summary>
    public NetCdfDataset Coordinate(string name, Array values, IReadOnlyDictionary<string, object>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Rank != 1)
        {
            throw new ArgumentException($"Coordinate '{name}' has {values.Rank} dimensions; a coordinate variable is one-dimensional.");
        }
        _coordinates.Add((name, values, attributes));
        return this;
    }

    /// <summary>Adds variable <paramref name="name"/> over <paramref name="dims"/> (one name per axis), stored as <paramref name="storage"/> says.</summary>
    public NetCdfDataset Variable<T>(string name, BlockedArray<T> data, IReadOnlyList<string> dims,
        IReadOnlyDictionary<string, object>? attributes = null, Hdf5DatasetOptions? storage = null)
        where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(dims);
        if (dims.Count != data.Rank)
        {
            throw new ArgumentException(
                $"Variable '{name}' has {data.Rank} axes of shape [{string.Join(", ", data.Shape)}] but {dims.Count} dimension names " +
                $"({string.Join(", ", dims)}); name one per axis, e.g. dims: [\"time\", \"lat\", \"lon\"].");
        }
        _variables.Add((name, dims, [.. data.Shape], (writer, compute) =>
        {
            var options = storage ?? new Hdf5DatasetOptions();
            var node = data.Node;
            if (options.Chunks is { } chunks)
            {
                var aligned = ChunkGrid.Regular(data.Shape, chunks);
                if (!BlockedArrayHdf5Writing.IsRefinementOf(node.Grid, aligned))
                {
                    node = Lazy.Rechunk.To(node, aligned);
                }
            }
            var target = writer.AddVariable<T>(name, dims, [.. data.Shape], options, attributes);
            Storage.BlockStores.Run([node], [new Hdf5BlockSink<T>(target)], compute);
        }
        ));
        return this;
    }

    /// <summary>Sets a global attribute (Conventions, title, history…).</summary>
    public NetCdfDataset Attribute(string name, object value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _attributes[name] = value ?? throw new ArgumentNullException(nameof(value));
        return this;
    }

    /// <summary>Computes every variable and writes the file at <paramref name="path"/>.</summary>
    public void Write(string path, ComputeOptions? options = null)
    {
        var writer = Tessera.IO.NetCdf.NetCdf.Create(path);
        try
        {
            foreach (var (name, value) in _attributes)
            {
                writer.SetAttribute(name, value);
            }
            foreach (var (name, values, attributes) in _coordinates)
            {
                AddCoordinate(writer, name, values, attributes);
            }
            foreach (var (name, dims, shape, _) in _variables)
            {
                for (var axis = 0; axis < dims.Count; axis++)
                {
                    if (writer.DimensionLength(dims[axis]) is { } length && length != shape[axis])
                    {
                        throw new ArgumentException(
                            $"Variable '{name}' has {shape[axis]} positions along '{dims[axis]}', but that dimension has {length} " +
                            $"(from its coordinate or another variable). Variables sharing a dimension must agree on its length.");
                    }
                }
            }
            foreach (var variable in _variables)
            {
                variable.Write(writer, options);
            }
        }
        catch
        {
            writer.Abort();
            throw;
        }
        writer.Dispose();
    }

    private static void AddCoordinate(NetCdfWriter writer, string name, Array values, IReadOnlyDictionary<string, object>? attributes)
    {
        switch (values)
        {
            case DateTime[] times: writer.AddTimeCoordinate(name, times, attributes); break;
            case double[] v: writer.AddCoordinate<double>(name, v, attributes); break;
            case float[] v: writer.AddCoordinate<float>(name, v, attributes); break;
            case long[] v: writer.AddCoordinate<long>(name, v, attributes); break;
            case int[] v: writer.AddCoordinate<int>(name, v, attributes); break;
            case short[] v: writer.AddCoordinate<short>(name, v, attributes); break;
            default:
                throw new ArgumentException(
                    $"Coordinate '{name}' is a {values.GetType().Name}; give double[], float[], long[], int[], short[] or DateTime[].");
        }
    }
}
