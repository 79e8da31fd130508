namespace Tessera.IO.Hdf5;

/// <summary>A group: named links to datasets and other groups, plus attributes.</summary>
public sealed class Hdf5Group
{
    private readonly Hdf5Context _ctx;
    private readonly ObjectHeader _header;
    private readonly Lazy<List<LinkMessage>> _links;
    private readonly Lazy<IReadOnlyList<Hdf5Member>> _members;
    private readonly Lazy<IReadOnlyDictionary<string, Hdf5Attribute>> _attributes;

    internal Hdf5Group(Hdf5Context ctx, string path, ObjectHeader header)
    {
        _ctx = ctx;
        _header = header;
        Path = path;
        _links = new(() => LinkReader.Read(ctx, header));
        _members = new(() => _links.Value.Select(l => new Hdf5Member(l.Name, KindOf(l))).ToList());
        _attributes = new(() => AttributeReader.Read(ctx, header));
    }

    /// <summary>The absolute path of this group ("/" for the root).</summary>
    public string Path { get; }

    /// <summary>The group's name (the last path component; "/" for the root).</summary>
    public string Name => Path == "/" ? "/" : Path[(Path.LastIndexOf('/') + 1)..];

    /// <summary>Every member, in creation order where the file tracks it, else by name.</summary>
    public IReadOnlyList<Hdf5Member> Members => _members.Value;

    /// <summary>The attributes of this group, by name.</summary>
    public IReadOnlyDictionary<string, Hdf5Attribute> Attributes => _attributes.Value;

    /// <summary>The group at <paramref name="path"/>, relative to this group (or absolute when it starts with "/").</summary>
    /// <param name="path">Slash-separated path.</param>
    public Hdf5Group Group(string path)
    {
        var (header, full) = Resolve(path);
        if (!ObjectKinds.IsGroup(header))
        {
            throw new InvalidOperationException($"\"{full}\" is {ObjectKinds.Describe(header)}, not a group. Use Dataset(\"{full}\") for datasets.");
        }
        return new Hdf5Group(_ctx, full, header);
    }

    /// <summary>The dataset at <paramref name="path"/>, relative to this group (or absolute when it starts with "/").</summary>
    /// <param name="path">Slash-separated path.</param>
    public Hdf5Dataset Dataset(string path)
    {
        var (header, full) = Resolve(path);
        if (!ObjectKinds.IsDataset(header))
        {
            throw new InvalidOperationException($"\"{full}\" is {ObjectKinds.Describe(header)}, not a dataset. Use Group(\"{full}\") for groups.");
        }
        return new Hdf5Dataset(_ctx, full, header);
    }

    /// <summary>Names and header addresses of the hard links (for resolving object references).</summary>
    internal IEnumerable<(string Name, long Address)> HardLinks() =>
        _links.Value.Where(l => l.LinkType == LinkMessage.Hard).Select(l => (l.Name, l.Address));

    private (ObjectHeader Header, string Path) Resolve(string path, int softHops = 0)
    {
        ArgumentNullException.ThrowIfNull(path);
        var group = this;
        if (path.StartsWith('/') && Path != "/")
        {
            return Root().Resolve(path.TrimStart('/'), softHops);
        }
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return (_header, Path);
        }
        for (int i = 0; i < parts.Length; i++)
        {
            var link = group._links.Value.FirstOrDefault(l => l.Name == parts[i]);
            string so = group.Path == "/" ? "/" + parts[i] : group.Path + "/" + parts[i];
            if (link is null)
            {
                var names = string.Join(", ", group._links.Value.Select(l => l.Name).Take(20));
                throw new KeyNotFoundException($"\"{so}\" does not exist. Members of \"{group.Path}\": {(names.Length == 0 ? "(none)" : names)}.");
            }
            ObjectHeader header;
            if (link.LinkType == LinkMessage.Soft && link.SoftPath is { } target)
            {
                // Soft links name a path, absolute or relative to the group holding the link.
                if (softHops > 16)
                {
                    throw new InvalidOperationException($"\"{so}\" goes through more than 16 soft links; they probably form a loop.");
                }
                var start = target.StartsWith('/') ? Root() : group;
                (header, _) = start.Resolve(target.StartsWith('/') ? target.TrimStart('/') : target, softHops + 1);
            }
            else if (link.LinkType != LinkMessage.Hard)
            {
                throw new NotSupportedException($"\"{so}\" is an external link into another file; external links are not followed.");
            }
            else
            {
                header = ObjectHeader.Read(_ctx, link.Address);
            }
            if (i == parts.Length - 1)
            {
                return (header, so);
            }
            if (!ObjectKinds.IsGroup(header))
            {
                throw new KeyNotFoundException($"\"{so}\" is {ObjectKinds.Describe(header)}, so \"{path}\" cannot be inside it.");
            }
            group = new Hdf5Group(_ctx, so, header);
        }
        throw new InvalidOperationException("unreachable");
    }

    private Hdf5Group Root() => new(_ctx, "/", ObjectHeader.Read(_ctx, _ctx.Superblock.RootObjectHeaderAddress));

    private Hdf5MemberKind KindOf(LinkMessage link)
    {
        if (link.LinkType == LinkMessage.Soft)
        {
            return Hdf5MemberKind.SoftLink;
        }
        if (link.LinkType != LinkMessage.Hard)
        {
            return Hdf5MemberKind.ExternalLink;
        }
        var header = ObjectHeader.Read(_ctx, link.Address);
        return ObjectKinds.IsDataset(header) ? Hdf5MemberKind.Dataset
            : ObjectKinds.IsGroup(header) ? Hdf5MemberKind.Group
            : Hdf5MemberKind.NamedDatatype;
    }
}
