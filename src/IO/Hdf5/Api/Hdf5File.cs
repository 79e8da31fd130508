namespace Tessera.IO.Hdf5;

/// <summary>Options for <see cref="Hdf5File.Open(string, Hdf5OpenOptions?)"/>.</summary>
public sealed record Hdf5OpenOptions
{
    /// <summary>Bytes of decoded chunks kept for reuse (least recently used evicted first). Default 64 MiB; 0 disables.</summary>
    public long ChunkCacheBytes { get; init; } = 64L << 20;

    /// <summary>
    /// Hold the file's handle only while reads are in flight (or <see cref="Hdf5File.KeepOpen"/> is
    /// held), reopening it for the next read, so a long-lived reader (a lazy array) keeps no file
    /// open between computations and needs no Dispose. The parsed metadata and chunk cache stay.
    /// </summary>
    public bool CloseWhenIdle { get; init; }
}

/// <summary>
/// A read-only HDF5 (or netCDF4) file, decoded in managed code. All reads are positional on
/// one file handle, so datasets may be read from many threads at once.
/// </summary>
public sealed partial class Hdf5File : IDisposable
{
    private readonly FileSource _source;
    private readonly Hdf5Context _ctx;

    private Hdf5File(FileSource source, Hdf5Context ctx)
    {
        _source = source;
        _ctx = ctx;
        Root = new Hdf5Group(ctx, "/", ObjectHeader.Read(ctx, ctx.Superblock.RootObjectHeaderAddress));
    }

    /// <summary>Opens <paramref name="path"/> for reading.</summary>
    /// <param name="path">Path of an HDF5 or netCDF4 file.</param>
    /// <param name="options">Cache settings; defaults apply when null.</param>
    /// <exception cref="Hdf5FormatException">The file is not valid HDF5 or is truncated.</exception>
    public static Hdf5File Open(string path, Hdf5OpenOptions? options = null)
    {
        options ??= new Hdf5OpenOptions();
        var source = new FileSource(path, options.CloseWhenIdle);
        try
        {
            using var open = source.KeepOpen(); // one open for all of the header reads
            var superblock = SuperblockReader.Read(source);
            return new Hdf5File(source, new Hdf5Context(source, superblock, options.ChunkCacheBytes));
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts writing a new file at <paramref name="path"/>: written under a temporary name and
    /// renamed onto <paramref name="path"/> when the writer is disposed (see <see cref="Hdf5Writer"/>).
    /// </summary>
    public static Hdf5Writer Create(string path) => Hdf5Writer.Create(path);

    /// <summary>The root group "/".</summary>
    public Hdf5Group Root { get; }

    /// <summary>The superblock version (0 for h5py defaults, 2 for netCDF4, 3 for libver='latest').</summary>
    public int SuperblockVersion => _ctx.Superblock.Version;

    /// <summary>The group at an absolute path such as "/climate/monthly".</summary>
    /// <param name="path">Slash-separated path from the root.</param>
    public Hdf5Group Group(string path) => Root.Group(path);

    /// <summary>The dataset at an absolute path such as "/climate/temperature".</summary>
    /// <param name="path">Slash-separated path from the root.</param>
    public Hdf5Dataset Dataset(string path) => Root.Dataset(path);

    /// <summary>
    /// Keeps the handle open until the returned lease is disposed: with
    /// <see cref="Hdf5OpenOptions.CloseWhenIdle"/>, many reads then share one open.
    /// </summary>
    public IDisposable KeepOpen() => _source.KeepOpen();

    /// <summary>Closes the file handle.</summary>
    public void Dispose() => _source.Dispose();
}
