using System.Numerics;
using Tessera.IO.Hdf5;

namespace Tessera.IO.NetCdf;

/// <summary>
/// Writes a netCDF-4 file as netCDF-C does, on the managed HDF5 writer: each dimension is a
/// dimension scale (its coordinate variable when it has one, otherwise a placeholder dataset
/// netCDF-C recognises by its NAME), every variable's axes are attached to their scales
/// (DIMENSION_LIST / REFERENCE_LIST), scales carry _Netcdf4Dimid, and attributes are typed as
/// netCDF-C types them: text as fixed-length ASCII strings (NC_CHAR; non-ASCII text as NC_STRING),
/// numbers as one-element arrays, _FillValue in the variable's own type.
/// Variables are written block by block through the returned dataset writers; the file appears
/// at its path when the writer is disposed (see <see cref="Hdf5Writer"/>), and
/// <see cref="Abort"/> leaves nothing behind.
/// </summary>
public sealed class NetCdfWriter : IDisposable
{
    private readonly Hdf5Writer _file;
    private readonly List<(string Name, long Length)> _dimensions = [];
    private readonly Dictionary<string, Hdf5ObjectWriter> _scales = new(StringComparer.Ordinal);
    private readonly List<(Hdf5ObjectWriter Dataset, string[] Dimensions)> _variables = [];
    private bool _finished;

    internal NetCdfWriter(string path)
    {
        _file = Hdf5Writer.Create(path);
        _file.Root.SetAttribute("_NCProperties", new Hdf5FixedString("version=2,tessera=1.0", Ascii: true));
    }

    /// <summary>The file that completion creates or replaces.</summary>
    public string TargetPath => _file.TargetPath;

    /// <summary>Defines dimension <paramref name="name"/> of <paramref name="length"/> (fixed size).</summary>
    public void AddDimension(string name, long length)
    {
        CheckName(name, "dimension");
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (_dimensions.FirstOrDefault(d => d.Name == name) is { Name: not null } existing)
        {
            if (existing.Length != length)
            {
                throw new ArgumentException(
                    $"Dimension '{name}' is already defined with length {existing.Length}; it cannot also have length {length}. " +
                    "Variables sharing a dimension must have the same size along it.");
            }
            return;
        }
        _dimensions.Add((name, length));
    }

    /// <summary>The length of dimension <paramref name="name"/>, or null when it is not defined.</summary>
    public long? DimensionLength(string name) => _dimensions.FirstOrDefault(d => d.Name == name) is { Name: not null } d ? d.Length : null;

    /// <summary>Sets a global attribute (a string, a number or a one-dimensional number array).</summary>
    public void SetAttribute(string name, object value) => SetAttribute(_file.Root, name, value, fillType: null);

    /// <summary>
    /// Writes the coordinate variable of dimension <paramref name="name"/> (defining the dimension
    /// when needed): a 1-D variable named as its dimension, which is the dimension's scale.
    /// </summary>
    public void AddCoordinate<T>(string name, ReadOnlySpan<T> values, IReadOnlyDictionary<string, object>? attributes = null)
        where T : unmanaged, INumberBase<T>
    {
        AddDimension(name, values.Length);
        var dataset = _file.CreateDataset<T>(name, [values.Length]);
        dataset.Write(values);
        dataset.MakeDimensionScale(name);
        _scales[name] = dataset;
        SetAttributes(dataset, attributes, typeof(T));
    }

    /// <summary>
    /// Writes a time coordinate: <paramref name="times"/> as numbers "&lt;unit&gt; since &lt;first date&gt;"
    /// with calendar proleptic_gregorian (see <see cref="CfTime.Encode"/>), which xarray decodes to datetime64.
    /// </summary>
    public void AddTimeCoordinate(string name, IReadOnlyList<DateTime> times, IReadOnlyDictionary<string, object>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(times);
        var (values, units, calendar) = CfTime.Encode(times);
        var all = new Dictionary<string, object>(attributes ?? new Dictionary<string, object>(), StringComparer.Ordinal)
        {
            ["units"] = units,
            ["calendar"] = calendar,
        };
        if (values.All(v => v == Math.Floor(v) && Math.Abs(v) < 1L << 53))
        {
            AddCoordinate<long>(name, [.. values.Select(v => (long)v)], all);
        }
        else
        {
            AddCoordinate<double>(name, values, all);
        }
    }

    /// <summary>
    /// Creates variable <paramref name="name"/> over <paramref name="dimensions"/> (defined with
    /// <see cref="AddDimension"/> or a coordinate, or defined here from <paramref name="shape"/>),
    /// stored as <paramref name="options"/> say (chunks, deflate, shuffle). A <c>_FillValue</c>
    /// attribute is converted to <typeparamref name="T"/> and is also the HDF5 fill value; without
    /// one the fill value is netCDF's default for the type. Write its data through the returned writer.
    /// </summary>
    public Hdf5DatasetWriter<T> AddVariable<T>(string name, IReadOnlyList<string> dimensions, IReadOnlyList<long> shape,
        Hdf5DatasetOptions? options = null, IReadOnlyDictionary<string, object>? attributes = null)
        where T : unmanaged, INumberBase<T>
    {
        CheckName(name, "variable");
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(shape);
        if (dimensions.Count != shape.Count)
        {
            throw new ArgumentException(
                $"Variable '{name}' has {shape.Count} axes but {dimensions.Count} dimension names were given ({string.Join(", ", dimensions)}). " +
                "Name one dimension per axis, e.g. dims: [\"time\", \"lat\", \"lon\"].");
        }
        if (dimensions.Distinct().Count() != dimensions.Count)
        {
            throw new ArgumentException($"Variable '{name}' names a dimension twice ({string.Join(", ", dimensions)}); each axis needs its own dimension.");
        }
        if (dimensions.Contains(name) && dimensions.Count == 1)
        {
            throw new ArgumentException($"'{name}' over dimension '{name}' is a coordinate variable; write it with AddCoordinate.");
        }
        for (var axis = 0; axis < shape.Count; axis++)
        {
            AddDimension(dimensions[axis], shape[axis]);
        }
        T fill = DefaultFill<T>();
        if (attributes is not null && attributes.TryGetValue("_FillValue", out var given))
        {
            fill = ConvertFill<T>(name, given);
        }
        var dataset = _file.CreateDataset<T>(name, [.. shape], options, fill);
        SetAttributes(dataset, attributes, typeof(T));
        _variables.Add((dataset, [.. dimensions]));
        return dataset;
    }

    /// <summary>Abandons the file: nothing is left at the target path.</summary>
    public void Abort()
    {
        _finished = true;
        _file.Abort();
    }

    /// <summary>Adds the dimension scales and their links, then completes the file.</summary>
    public void Dispose()
    {
        if (_finished)
        {
            return;
        }
        _finished = true;
        try
        {
            for (var id = 0; id < _dimensions.Count; id++)
            {
                var (name, length) = _dimensions[id];
                if (!_scales.TryGetValue(name, out var scale))
                {
                    // netCDF-C's placeholder: a float scale whose NAME says it is a dimension only.
                    var placeholder = _file.CreateDataset<float>(name, [length]);
                    placeholder.SetAttribute("CLASS", new Hdf5FixedString("DIMENSION_SCALE\0", Ascii: true));
                    placeholder.SetAttribute("NAME", new Hdf5FixedString($"{NetCdfGroup.DimensionOnly}{length,10}\0", Ascii: true));
                    _scales[name] = scale = placeholder;
                }
                scale.SetAttribute("_Netcdf4Dimid", id);
            }
            foreach (var (dataset, dims) in _variables)
            {
                for (var axis = 0; axis < dims.Length; axis++)
                {
                    dataset.AttachDimensionScale(_scales[dims[axis]], axis);
                }
            }
            _file.Dispose();
        }
        catch
        {
            _file.Abort();
            throw;
        }
    }

    private void SetAttributes(Hdf5ObjectWriter target, IReadOnlyDictionary<string, object>? attributes, Type fillType)
    {
        foreach (var (name, value) in attributes ?? new Dictionary<string, object>())
        {
            SetAttribute(target, name, value, fillType);
        }
    }

    private static void SetAttribute(Hdf5ObjectWriter target, string name, object value, Type? fillType)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        if (NetCdfAttributes.Hidden.Contains(name))
        {
            throw new ArgumentException($"Attribute '{name}' is reserved by the netCDF-4 format and is written by the writer itself.");
        }
        object stored = value switch
        {
            string s when s.All(char.IsAscii) => new Hdf5FixedString(s, Ascii: true),
            string s => s, // NC_STRING: variable-length UTF-8
            Array a => a,
            _ => OneElement(value),
        };
        if (name == "_FillValue" && fillType is not null && value is not string)
        {
            stored = FillArray(value is Array { Length: 1 } one ? one.GetValue(0)! : value, fillType);
        }
        target.SetAttribute(name, stored);
    }

    private static Array OneElement(object value)
    {
        var array = Array.CreateInstance(value.GetType(), 1);
        array.SetValue(value, 0);
        return array;
    }

    private static Array FillArray(object value, Type type)
    {
        var array = Array.CreateInstance(type, 1);
        array.SetValue(Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture), 0);
        return array;
    }

    private static T ConvertFill<T>(string variable, object value) where T : unmanaged, INumberBase<T>
    {
        var scalar = value is Array { Length: 1 } one ? one.GetValue(0)! : value;
        try
        {
            return (T)Convert.ChangeType(scalar, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is InvalidCastException or OverflowException or FormatException)
        {
            throw new ArgumentException(
                $"Variable '{variable}': _FillValue {scalar} does not fit its type {typeof(T).Name}; give a value of the variable's type.", e);
        }
    }

    /// <summary>netCDF's default fill values (netcdf.h NC_FILL_*), which netCDF-C also stores as the HDF5 fill value.</summary>
    private static T DefaultFill<T>() where T : unmanaged, INumberBase<T> => default(T) switch
    {
        float => (T)(object)9.9692099683868690e+36f,
        double => (T)(object)9.9692099683868690e+36,
        sbyte => (T)(object)(sbyte)-127,
        byte => (T)(object)(byte)255,
        short => (T)(object)(short)-32767,
        ushort => (T)(object)(ushort)65535,
        int => (T)(object)-2147483647,
        uint => (T)(object)4294967295u,
        long => (T)(object)-9223372036854775806L,
        ulong => (T)(object)18446744073709551614ul,
        _ => T.Zero,
    };

    private static void CheckName(string name, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('/'))
        {
            throw new ArgumentException($"The {what} name '{name}' contains '/'; netCDF names cannot (groups are not written yet).");
        }
    }
}
