namespace Tessera.IO.Hdf5;

/// <summary>Resolving object references to paths.</summary>
public sealed partial class Hdf5File
{
    private Dictionary<long, string>? _pathsByAddress;

    /// <summary>
    /// The path of the object <paramref name="reference"/> points at (the first found, walking
    /// hard links breadth-first from the root), e.g. "/lat" for an entry of a netCDF4
    /// variable's DIMENSION_LIST. Throws when no linked object has that address.
    /// </summary>
    public string PathOf(Hdf5ObjectReference reference)
    {
        var paths = _pathsByAddress ??= IndexPaths();
        return paths.TryGetValue(reference.Address, out var path) ? path
            : throw new KeyNotFoundException(
                $"No object linked in this file has its header at address {reference.Address}; the reference is dangling or points at an unlinked object.");
    }

    private Dictionary<long, string> IndexPaths()
    {
        var paths = new Dictionary<long, string> { [_ctx.Superblock.RootObjectHeaderAddress] = "/" };
        var queue = new Queue<Hdf5Group>([Root]);
        while (queue.Count > 0)
        {
            var group = queue.Dequeue();
            foreach (var (name, address) in group.HardLinks())
            {
                var path = group.Path == "/" ? "/" + name : group.Path + "/" + name;
                if (!paths.TryAdd(address, path))
                {
                    continue; // already reached by another link (or a cycle)
                }
                if (group.Members.FirstOrDefault(m => m.Name == name) is { Kind: Hdf5MemberKind.Group })
                {
                    queue.Enqueue(group.Group(name));
                }
            }
        }
        return paths;
    }
}
