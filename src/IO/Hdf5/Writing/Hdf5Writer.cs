using System.Numerics;
using Tessera.IO.Hdf5.Writing;

namespace Tessera.IO.Hdf5;

/// <summary>
/// Writes a new HDF5 file in the simplest layout h5py and h5dump read: superblock v0,
/// version 1 object headers, symbol-table groups, contiguous or chunked (deflate, shuffle)
/// datasets, attributes.
///
/// Crash-safe: the file is written under a temporary name beside the target and renamed
/// onto it only when <see cref="Dispose"/> completes it. <see cref="Abort"/> (or any failure
/// while completing) deletes the temporary file, so a failed write never leaves a
/// half-written file under the target name. Data is written as it arrives; metadata
/// (headers, indexes, the superblock) is written at the end.
/// </summary>
public sealed partial class Hdf5Writer : IDisposable
{
    private readonly string _temporaryPath;
    private bool _closed;

    private Hdf5Writer(string path)
    {
        TargetPath = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(TargetPath)!;
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Cannot create '{TargetPath}': the folder '{directory}' does not exist.");
        }
        _temporaryPath = System.IO.Path.Combine(directory,
            $".{System.IO.Path.GetFileName(TargetPath)}.{Guid.NewGuid():N}.partial");
        Space = new FileSpace(_temporaryPath);
        Root = new Hdf5GroupWriter(this, "/");
    }

    /// <summary>Starts writing a new file at <paramref name="path"/> (replaced on successful completion).</summary>
    public static Hdf5Writer Create(string path) => new(path);

    /// <summary>The file that completion creates or replaces.</summary>
    public string TargetPath { get; }

    /// <summary>The root group.</summary>
    public Hdf5GroupWriter Root { get; }

    internal FileSpace Space { get; }

    /// <summary>Creates the group at <paramref name="path"/> ("a/b"), with any missing parents; returns it if it exists.</summary>
    public Hdf5GroupWriter CreateGroup(string path)
    {
        ThrowIfClosed();
        var group = Root;
        foreach (var name in Split(path))
        {
            group = group.GetOrCreateGroup(name);
        }
        return group;
    }

    /// <summary>
    /// Creates a dataset of <paramref name="shape"/> at <paramref name="path"/> (parent groups are
    /// created). Unwritten elements read as <paramref name="fillValue"/> (zero if none).
    /// </summary>
    public Hdf5DatasetWriter<T> CreateDataset<T>(string path, long[] shape, Hdf5DatasetOptions? options = null, T? fillValue = null)
        where T : unmanaged, INumberBase<T>
    {
        ThrowIfClosed();
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Any(d => d < 0))
        {
            throw new ArgumentException($"Dataset '{path}': shape [{string.Join(", ", shape)}] has a negative dimension.");
        }
        DatatypeEncoding.For(typeof(T)); // fails early, with the supported types, for anything else
        var names = Split(path);
        var parent = Root;
        foreach (var name in names[..^1])
        {
            parent = parent.GetOrCreateGroup(name);
        }
        var dataset = new Hdf5DatasetWriter<T>(this, parent.Join(names[^1]), [.. shape], options ?? new Hdf5DatasetOptions(), fillValue);
        parent.AddMember(names[^1], dataset);
        return dataset;
    }

    /// <summary>Abandons the file: the temporary file is deleted and the target is left as it was.</summary>
    public void Abort()
    {
        if (_closed)
        {
            return;
        }
        _closed = true;
        Space.Dispose();
        File.Delete(_temporaryPath);
    }

    /// <summary>Completes the file (metadata, then the rename onto the target), unless aborted.</summary>
    public void Dispose()
    {
        if (_closed)
        {
            return;
        }
        try
        {
            WriteMetadata();
            Space.Finish();
            Space.Dispose();
            _closed = true;
            File.Move(_temporaryPath, TargetPath, overwrite: true);
        }
        catch
        {
            Abort();
            throw;
        }
    }

    internal void ThrowIfClosed() => ObjectDisposedException.ThrowIf(_closed, this);

    private static string[] Split(string path)
    {
        var names = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0 || names.Any(n => n is "." or ".."))
        {
            throw new ArgumentException($"'{path}' is not a valid object path; use names separated by '/', e.g. \"climate/temperature\".");
        }
        return names;
    }
}
