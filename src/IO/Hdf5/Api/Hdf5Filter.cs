namespace Tessera.IO.Hdf5;

/// <summary>One filter of a dataset's pipeline, in the order the writer applied them.</summary>
/// <param name="Id">Filter identifier: 1 deflate, 2 shuffle, 3 fletcher32, others are plugins.</param>
/// <param name="Name">The name stored in the file, or the well-known name of <paramref name="Id"/>.</param>
/// <param name="ClientData">The filter's parameters (deflate: level; shuffle: element size).</param>
/// <param name="IsOptional">Whether the writer may have skipped the filter for some chunks.</param>
public sealed record Hdf5Filter(int Id, string Name, IReadOnlyList<int> ClientData, bool IsOptional)
{
    /// <summary>The deflate (zlib) filter id.</summary>
    public const int Deflate = 1;
    /// <summary>The byte shuffle filter id.</summary>
    public const int Shuffle = 2;
    /// <summary>The Fletcher-32 checksum filter id.</summary>
    public const int Fletcher32 = 3;

    internal static string KnownName(int id) => id switch
    {
        Deflate => "deflate",
        Shuffle => "shuffle",
        Fletcher32 => "fletcher32",
        4 => "szip",
        5 => "nbit",
        6 => "scaleoffset",
        32000 => "lzf",
        _ => $"filter {id}",
    };
}
