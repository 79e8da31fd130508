using Tessera.IO.Hdf5;

namespace Tessera.IO.NetCdf;

/// <summary>
/// An open netCDF-4 file (HDF5 underneath), read with the managed HDF5 reader: the root
/// group's dimensions, variables and attributes, and its subgroups. Reads are positional, so
/// variables may be read from many threads. Dispose to close the file.
/// </summary>
public sealed class NetCdfFile : IDisposable
{
    internal NetCdfFile(string path)
    {
        FilePath = System.IO.Path.GetFullPath(path);
        Hdf5 = Hdf5File.Open(path);
        try
        {
            Root = new NetCdfGroup(this, Hdf5.Root, null);
        }
        catch
        {
            Hdf5.Dispose();
            throw;
        }
    }

    /// <summary>The file's full path.</summary>
    public string FilePath { get; }

    /// <summary>The root group.</summary>
    public NetCdfGroup Root { get; }

    /// <summary>The root group's dimensions.</summary>
    public IReadOnlyDictionary<string, NetCdfDimension> Dimensions => Root.Dimensions;

    /// <summary>The root group's variables (coordinates included).</summary>
    public IReadOnlyDictionary<string, NetCdfVariable> Variables => Root.Variables;

    /// <summary>Global attributes.</summary>
    public IReadOnlyDictionary<string, object> Attributes => Root.Attributes;

    /// <summary>Subgroups of the root.</summary>
    public IReadOnlyDictionary<string, NetCdfGroup> Groups => Root.Groups;

    /// <summary>The underlying HDF5 file.</summary>
    public Hdf5File Hdf5 { get; }

    /// <summary>The variable at <paramref name="path"/> ("tas" or "group/tas").</summary>
    public NetCdfVariable Variable(string path) => Root.Variable(path);

    /// <summary>The group holding the variable at <paramref name="path"/>.</summary>
    public NetCdfGroup GroupOf(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var group = Root;
        foreach (var part in parts[..^1])
        {
            group = group.Groups[part];
        }
        return group;
    }

    /// <summary>A summary like ncdump -h's: dimensions, variables with their dimensions, and attributes.</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        Describe(Root, text, "");
        return text.ToString();
    }

    private static void Describe(NetCdfGroup group, System.Text.StringBuilder text, string indent)
    {
        text.AppendLine($"{indent}group {group.Path}:");
        foreach (var d in group.Dimensions.Values)
        {
            text.AppendLine($"{indent}  dim {d.Name} = {(d.IsUnlimited ? $"UNLIMITED ({d.Length})" : d.Length)}");
        }
        foreach (var v in group.Variables.Values)
        {
            text.AppendLine($"{indent}  {v}");
            foreach (var (name, value) in v.Attributes)
            {
                text.AppendLine($"{indent}    {v.Name}:{name} = {Format(value)}");
            }
        }
        foreach (var (name, value) in group.Attributes)
        {
            text.AppendLine($"{indent}  :{name} = {Format(value)}");
        }
        foreach (var child in group.Groups.Values)
        {
            Describe(child, text, indent + "  ");
        }
    }

    private static string Format(object value) => value switch
    {
        string s => $"\"{s}\"",
        System.Collections.IEnumerable e => string.Join(", ", e.Cast<object>()),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    /// <inheritdoc />
    public void Dispose() => Hdf5.Dispose();
}
