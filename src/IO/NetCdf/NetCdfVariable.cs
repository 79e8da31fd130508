using Tessera.IO.Hdf5;

namespace Tessera.IO.NetCdf;

/// <summary>A netCDF variable: an HDF5 dataset with named dimensions, attributes and CF encoding.</summary>
public sealed class NetCdfVariable
{
    private readonly NetCdfFile _file;

    internal NetCdfVariable(NetCdfFile file, Hdf5Dataset dataset, string name, IReadOnlyList<string> dimensions,
        IReadOnlyDictionary<string, object> attributes)
    {
        _file = file;
        Dataset = dataset;
        Name = name;
        Dimensions = dimensions;
        Attributes = attributes;
        Encoding = CfEncoding.From(dataset.Path, attributes);
    }

    /// <summary>The variable's name, e.g. "tas".</summary>
    public string Name { get; }

    /// <summary>The HDF5 path of the variable ("/tas", or "/group/tas" in a group).</summary>
    public string Path => Dataset.Path;

    /// <summary>The names of its dimensions, one per axis.</summary>
    public IReadOnlyList<string> Dimensions { get; }

    /// <summary>Its shape.</summary>
    public IReadOnlyList<long> Shape => Dataset.Shape;

    /// <summary>The stored element type.</summary>
    public Hdf5DataType StoredType => Dataset.ElementType;

    /// <summary>Its attributes (units, long_name, _FillValue, scale_factor…), one-element arrays as scalars.</summary>
    public IReadOnlyDictionary<string, object> Attributes { get; }

    /// <summary>
    /// The coordinate variables that label it: one per dimension that has a variable of the same
    /// name, in axis order, then those its <c>coordinates</c> attribute names.
    /// </summary>
    public IReadOnlyList<string> Coordinates { get; internal set; } = [];

    /// <summary>How CF decoding turns stored values into physical ones.</summary>
    public CfEncoding Encoding { get; }

    /// <summary>Whether its <c>units</c> are CF time units ("days since …").</summary>
    public bool IsTime => CfTime.IsTimeUnits(NetCdfAttributes.Text(Attributes, "units"));

    /// <summary>The underlying dataset (for reads of any hyperslab).</summary>
    public Hdf5Dataset Dataset { get; }

    /// <summary>Reads the whole variable as doubles, CF-decoded (fill values as NaN, unpacked); for coordinates.</summary>
    public double[] ReadDoubles()
    {
        var values = new double[checked((int)Shape.Aggregate(1L, (a, b) => a * b))];
        NumericRead.Decoded(Dataset, Hyperslab.All([.. Shape]), Encoding, values, maskInvalid: false);
        return values;
    }

    /// <summary>Reads a time variable as <see cref="DateTime"/>s (UTC); throws for other calendars, with the fix.</summary>
    public DateTime[] ReadTimes()
    {
        var units = NetCdfAttributes.Text(Attributes, "units");
        if (!CfTime.IsTimeUnits(units))
        {
            throw new InvalidOperationException(
                $"Variable '{Name}' has units \"{units ?? "(none)"}\", not CF time units such as \"days since 2000-01-01\"; it does not decode to DateTime.");
        }
        return CfTime.Decode(ReadDoubles(), units!, NetCdfAttributes.Text(Attributes, "calendar"), Name);
    }

    /// <summary>The file this variable belongs to.</summary>
    public NetCdfFile File => _file;

    /// <inheritdoc />
    public override string ToString() =>
        $"{StoredType} {Name}({string.Join(", ", Dimensions)})";
}
