using Tessera.IO.Hdf5;

namespace Tessera.Tools.H5Inspect;

/// <summary>
/// Writes a file's tree like <c>h5ls -r -v</c>: one line per object ("PATH  KIND"), and under
/// each dataset one indented "key: value" line per property, so the output is easy to grep and
/// to assert on.
/// </summary>
public sealed class TreeFormatter
{
    /// <summary>
    /// Hard links may point back at an ancestor, making the tree a graph; the public API does not
    /// expose object addresses, so recursion stops at this depth instead of looping.
    /// </summary>
    public const int MaxDepth = 64;

    private const string Indent = "    ";
    private readonly TextWriter _output;
    private readonly bool _attributes;

    /// <summary>Creates a formatter writing to <paramref name="output"/>.</summary>
    /// <param name="output">Receives the lines.</param>
    /// <param name="attributes">Whether to print attributes of groups and datasets.</param>
    public TreeFormatter(TextWriter output, bool attributes)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _attributes = attributes;
    }

    /// <summary>Writes <paramref name="group"/> and everything below it.</summary>
    /// <param name="group">Usually <see cref="Hdf5File.Root"/>.</param>
    public void Write(Hdf5Group group)
    {
        ArgumentNullException.ThrowIfNull(group);
        WriteGroup(group, 0);
    }

    private void WriteGroup(Hdf5Group group, int depth)
    {
        _output.WriteLine($"{group.Path}  group");
        WriteAttributes(group.Attributes);
        if (depth >= MaxDepth)
        {
            _output.WriteLine($"{Indent}(not descending: deeper than {MaxDepth} levels, probably a link back to an ancestor)");
            return;
        }
        foreach (var member in group.Members)
        {
            var path = group.Path == "/" ? "/" + member.Name : group.Path + "/" + member.Name;
            switch (member.Kind)
            {
                case Hdf5MemberKind.Group:
                    WriteGroup(group.Group(member.Name), depth + 1);
                    break;
                case Hdf5MemberKind.Dataset:
                    WriteDataset(path, () => group.Dataset(member.Name));
                    break;
                case Hdf5MemberKind.NamedDatatype:
                    _output.WriteLine($"{path}  named datatype");
                    break;
                case Hdf5MemberKind.SoftLink:
                    _output.WriteLine($"{path}  soft link (not followed)");
                    break;
                default:
                    _output.WriteLine($"{path}  external link (not followed)");
                    break;
            }
        }
    }

    private void WriteDataset(string path, Func<Hdf5Dataset> open)
    {
        _output.WriteLine($"{path}  dataset");
        Hdf5Dataset ds;
        try
        {
            ds = open();
        }
        catch (NotSupportedException e)
        {
            // One dataset this reader cannot describe (e.g. an old layout version) should not
            // hide the rest of the file.
            _output.WriteLine($"{Indent}unsupported: {e.Message}");
            return;
        }
        Line("type", ds.ElementType.ToString());
        Line("shape", ValueText.Shape(ds.Shape));
        Line("max shape", ValueText.Shape(ds.MaxShape));
        Line("layout", ds.Layout.ToString().ToLowerInvariant());
        if (ds.ChunkShape is { } chunks)
        {
            Line("chunk shape", ValueText.Shape(chunks));
            Line("stored chunks", ds.StoredChunkCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        Line("filters", ds.Filters.Count == 0 ? "none" : string.Join(", ", ds.Filters.Select(ValueText.Filter)));
        Line("fill value", ds.FillValue is null ? "not defined" : ValueText.Value(ds.FillValue));
        WriteAttributes(ds.Attributes);
    }

    private void WriteAttributes(IReadOnlyDictionary<string, Hdf5Attribute> attributes)
    {
        if (!_attributes)
        {
            return;
        }
        foreach (var a in attributes.Values.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            var shape = a.Shape.Count == 0 ? "" : " " + ValueText.Shape(a.Shape);
            Line($"@{a.Name}", $"{ValueText.Value(a.Value)}  ({ValueText.TypeName(a.Type, a.Value)}{shape})");
        }
    }

    private void Line(string key, string value) => _output.WriteLine($"{Indent}{key}: {value}");
}
