using Tessera.IO.Hdf5;

namespace Tessera.IO.NetCdf;

/// <summary>
/// A netCDF group (the root or a subgroup): its dimensions, variables, attributes and subgroups,
/// read from the HDF5 group the way netCDF-C reads it. Dimensions are the datasets marked as
/// dimension scales; a variable's dimensions are the scales its DIMENSION_LIST references (a
/// subgroup's variables may use a parent's dimensions); datasets without dimension scales get
/// phony dimensions, as netCDF-C names them.
/// </summary>
public sealed class NetCdfGroup
{
    /// <summary>The prefix netCDF-C gives the NAME of a scale that is a dimension only, not a variable.</summary>
    internal const string DimensionOnly = "This is a netCDF dimension but not a netCDF variable.";

    private readonly Dictionary<string, NetCdfVariable> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NetCdfDimension> _dimensions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NetCdfGroup> _groups = new(StringComparer.Ordinal);

    internal NetCdfGroup(NetCdfFile file, Hdf5Group group, NetCdfGroup? parent)
    {
        Path = group.Path;
        Parent = parent;
        Attributes = NetCdfAttributes.From(group.Attributes);
        var datasets = group.Members.Where(m => m.Kind == Hdf5MemberKind.Dataset).Select(m => group.Dataset(m.Name)).ToList();
        foreach (var dataset in datasets.Where(IsScale))
        {
            var name = dataset.Path[(dataset.Path.LastIndexOf('/') + 1)..];
            _dimensions[name] = new NetCdfDimension(name, dataset.Shape.FirstOrDefault(), dataset.MaxShape.FirstOrDefault() == -1);
        }
        foreach (var dataset in datasets)
        {
            var name = dataset.Path[(dataset.Path.LastIndexOf('/') + 1)..];
            if (IsScale(dataset) && dataset.Attributes.TryGetValue("NAME", out var scaleName)
                && scaleName.Value is string text && text.StartsWith(DimensionOnly, StringComparison.Ordinal))
            {
                continue;
            }
            var attributes = NetCdfAttributes.From(dataset.Attributes);
            var dims = DimensionsOf(file, dataset, name);
            _variables[name] = new NetCdfVariable(file, dataset, name, dims, attributes);
        }
        foreach (var variable in _variables.Values)
        {
            variable.Coordinates = CoordinatesOf(variable);
        }
        foreach (var member in group.Members.Where(m => m.Kind == Hdf5MemberKind.Group))
        {
            _groups[member.Name] = new NetCdfGroup(file, group.Group(member.Name), this);
        }
    }

    /// <summary>The group's HDF5 path ("/" for the root).</summary>
    public string Path { get; }

    /// <summary>The enclosing group, or null for the root.</summary>
    public NetCdfGroup? Parent { get; }

    /// <summary>Dimensions defined in this group, by name.</summary>
    public IReadOnlyDictionary<string, NetCdfDimension> Dimensions => _dimensions;

    /// <summary>Variables of this group (coordinates included), by name.</summary>
    public IReadOnlyDictionary<string, NetCdfVariable> Variables => _variables;

    /// <summary>The group's attributes (global attributes for the root).</summary>
    public IReadOnlyDictionary<string, object> Attributes { get; }

    /// <summary>Subgroups, by name.</summary>
    public IReadOnlyDictionary<string, NetCdfGroup> Groups => _groups;

    /// <summary>
    /// The variable at <paramref name="path"/>: a name in this group ("tas"), or a path into
    /// subgroups ("model/tas", "/model/tas"). A missing name lists the variables there.
    /// </summary>
    public NetCdfVariable Variable(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var group = path.StartsWith('/') ? Root() : this;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            group = group._groups.TryGetValue(parts[i], out var child) ? child
                : throw new KeyNotFoundException(
                    $"Group '{parts[i]}' is not in '{group.Path}'; its groups are: {Names(group._groups.Keys)}.");
        }
        if (parts.Length == 0 || !group._variables.TryGetValue(parts[^1], out var variable))
        {
            throw new KeyNotFoundException(
                $"Variable '{path}' is not in '{group.Path}'; its variables are: {Names(group._variables.Keys)}" +
                (group._groups.Count > 0 ? $"; groups: {Names(group._groups.Keys)}." : "."));
        }
        return variable;
    }

    /// <summary>
    /// The coordinate variable labelling dimension <paramref name="dimension"/>: the variable of that
    /// name in this group or the nearest enclosing one, or null when the dimension has none.
    /// </summary>
    public NetCdfVariable? CoordinateFor(string dimension)
    {
        for (var group = this; group is not null; group = group.Parent)
        {
            if (group._variables.TryGetValue(dimension, out var v) && v.Dimensions.Count == 1 && v.Dimensions[0] == dimension)
            {
                return v;
            }
        }
        return null;
    }

    private NetCdfGroup Root()
    {
        var group = this;
        while (group.Parent is not null)
        {
            group = group.Parent;
        }
        return group;
    }

    private static string Names(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "(none)";

    private static bool IsScale(Hdf5Dataset dataset) =>
        dataset.Shape.Length == 1 && dataset.Attributes.TryGetValue("CLASS", out var c) && c.Value is string s
        && s.TrimEnd('\0') == "DIMENSION_SCALE";

    private static IReadOnlyList<string> DimensionsOf(NetCdfFile file, Hdf5Dataset dataset, string name)
    {
        var rank = dataset.Shape.Length;
        if (dataset.Attributes.TryGetValue("DIMENSION_LIST", out var list) && list.Value is Hdf5ObjectReference[][] references
            && references.Length == rank)
        {
            return [.. references.Select((refs, axis) => refs.Length == 0 ? $"phony_dim_{axis}"
                : LastName(file.Hdf5.PathOf(refs[0])))];
        }
        if (IsScale(dataset))
        {
            return [name];
        }
        return [.. Enumerable.Range(0, rank).Select(axis => $"phony_dim_{axis}")];
    }

    private static string LastName(string path) => path[(path.LastIndexOf('/') + 1)..];

    private List<string> CoordinatesOf(NetCdfVariable variable)
    {
        var names = variable.Dimensions.Where(d => CoordinateFor(d) is not null).ToList();
        if (NetCdfAttributes.Text(variable.Attributes, "coordinates") is { } extra)
        {
            names.AddRange(extra.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(n => !names.Contains(n)));
        }
        return names;
    }
}
