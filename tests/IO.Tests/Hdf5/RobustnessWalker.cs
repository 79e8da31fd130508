using Tessera.IO.Hdf5;

namespace Tessera.IO.Tests.Hdf5;

/// <summary>Touches everything a user can reach in a file, with bounded work even when the file is corrupt.</summary>
internal static class RobustnessWalker
{
    public static void Walk(Hdf5File file) => Walk(file.Root, 0);

    private static void Walk(Hdf5Group group, int depth)
    {
        foreach (var a in group.Attributes.Values)
        {
            _ = a.ToString();
        }
        if (depth > 6)
        {
            return;
        }
        var members = group.Members;
        var names = members.GroupBy(m => m.Name).Where(g => g.Count() == 1).Select(g => g.Key).ToHashSet();
        foreach (var m in members.Take(100))
        {
            // Corrupt names can contain separators or repeat; those cannot be addressed by path.
            if (!names.Contains(m.Name) || m.Name.Length == 0 || m.Name.Contains('/') || m.Name is "." or "..")
            {
                continue;
            }
            if (m.Kind == Hdf5MemberKind.Group)
            {
                Walk(group.Group(m.Name), depth + 1);
            }
            else if (m.Kind == Hdf5MemberKind.Dataset)
            {
                ReadDataset(group.Dataset(m.Name));
            }
        }
    }

    private static void ReadDataset(Hdf5Dataset ds)
    {
        foreach (var a in ds.Attributes.Values)
        {
            _ = a.ToString();
        }
        _ = ds.FillValue;
        long elements = ds.Shape.Aggregate(1L, (p, n) => p * n);
        if (ds.ChunkShape is { } chunk)
        {
            // A corrupt layout may declare huge chunks; decoding one would be a legitimate (but
            // pointless here) allocation, so keep the walk's memory bounded.
            if (chunk.Aggregate(1.0, (p, n) => p * n) * ds.ElementType.Size > 16 << 20)
            {
                return;
            }
            if (elements > 0)
            {
                _ = ds.ReadChunkRaw(new long[ds.Shape.Length]);
            }
        }
        var selection = elements <= 1_000_000 ? Hyperslab.All(ds.Shape)
            : new Hyperslab(new long[ds.Shape.Length], ds.Shape.Select(s => Math.Min(s, 1L)).ToArray());
        var t = ds.ElementType;
        switch (t.Class, t.Size, t.IsSigned)
        {
            case (Hdf5TypeClass.FloatingPoint, 4, _): ds.Read<float>(selection); break;
            case (Hdf5TypeClass.FloatingPoint, 8, _): ds.Read<double>(selection); break;
            case (Hdf5TypeClass.FixedPoint or Hdf5TypeClass.Enumerated, 1, true): ds.Read<sbyte>(selection); break;
            case (Hdf5TypeClass.FixedPoint or Hdf5TypeClass.Enumerated, 1, false): ds.Read<byte>(selection); break;
            case (Hdf5TypeClass.FixedPoint or Hdf5TypeClass.Enumerated, 2, true): ds.Read<short>(selection); break;
            case (Hdf5TypeClass.FixedPoint or Hdf5TypeClass.Enumerated, 2, false): ds.Read<ushort>(selection); break;
            case (Hdf5TypeClass.FixedPoint or Hdf5TypeClass.Enumerated, 4, true): ds.Read<int>(selection); break;
            case (Hdf5TypeClass.FixedPoint or Hdf5TypeClass.Enumerated, 4, false): ds.Read<uint>(selection); break;
            case (Hdf5TypeClass.FixedPoint or Hdf5TypeClass.Enumerated, 8, true): ds.Read<long>(selection); break;
            case (Hdf5TypeClass.FixedPoint or Hdf5TypeClass.Enumerated, 8, false): ds.Read<ulong>(selection); break;
            case (Hdf5TypeClass.Compound, _, _): ds.ReadColumns(selection); break;
            case (Hdf5TypeClass.String, _, _): ds.ReadStrings(selection); break;
            case (Hdf5TypeClass.VariableLength, _, _):
                try
                {
                    ds.ReadStrings(selection);
                }
                catch (InvalidOperationException e) when (e.Message.StartsWith("ReadStrings() cannot read", StringComparison.Ordinal))
                {
                    // a variable-length sequence, not a string: no typed read exists for it yet
                }
                break;
        }
    }
}
