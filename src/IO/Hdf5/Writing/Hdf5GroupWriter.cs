namespace Tessera.IO.Hdf5;

/// <summary>A group being written: holds subgroups, datasets and attributes.</summary>
public sealed class Hdf5GroupWriter : Hdf5ObjectWriter
{
    internal Hdf5GroupWriter(Hdf5Writer file, string path) : base(file, path)
    {
    }

    /// <summary>Members by name, in the order they were created.</summary>
    internal Dictionary<string, Hdf5ObjectWriter> Members { get; } = new(StringComparer.Ordinal);

    /// <summary>The subgroup <paramref name="name"/>, created if missing.</summary>
    internal Hdf5GroupWriter GetOrCreateGroup(string name)
    {
        lock (Members)
        {
            if (Members.TryGetValue(name, out var existing))
            {
                return existing as Hdf5GroupWriter ?? throw new ArgumentException(
                    $"'{Join(name)}' is a dataset, not a group. Choose another name for the group.");
            }
            var group = new Hdf5GroupWriter(File, Join(name));
            Members[name] = group;
            return group;
        }
    }

    internal void AddMember(string name, Hdf5ObjectWriter member)
    {
        lock (Members)
        {
            if (!Members.TryAdd(name, member))
            {
                throw new ArgumentException($"'{Join(name)}' already exists. Each name in a group must be unique.");
            }
        }
    }

    internal string Join(string name) => Path == "/" ? "/" + name : Path + "/" + name;
}
