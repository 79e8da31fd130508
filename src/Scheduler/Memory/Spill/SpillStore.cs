namespace Tessera.Scheduling;

/// <summary>
/// The disk tier of one run: a folder of its own (created at the first spill, removed with
/// everything in it when the run ends, however it ends) holding one checksummed file per
/// spilled result. File layout: the magic "TSSPILL1", then what the result's
/// <see cref="ISpillable.SpillTo(Stream)"/> wrote. The checksum and length are kept in the
/// <see cref="SpilledResult"/> (never trusted from the file) and checked on every restore.
/// </summary>
internal sealed class SpillStore : IDisposable
{
    private static ReadOnlySpan<byte> Magic => "TSSPILL1"u8;

    private readonly string _parent;
    private readonly SpillFileSystem _files;
    private readonly Lock _gate = new();
    private string? _directory;
    private int _sequence;

    public SpillStore(string? parent, SpillFileSystem? files = null)
    {
        _parent = parent ?? Path.GetTempPath();
        _files = files ?? SpillFileSystem.Default;
        Directory = System.IO.Path.Combine(_parent, $"tessera-spill-{Environment.ProcessId}-{Guid.NewGuid():N}");
    }

    /// <summary>This run's folder (it exists only after the first spill).</summary>
    public string Directory { get; }

    /// <summary>Writes <paramref name="value"/> to a new file; on any failure the partial file is removed.</summary>
    public SpilledResult Write(string key, ISpillable value, long bytes, CancellationToken cancellationToken)
    {
        EnsureDirectory(key);
        var path = System.IO.Path.Combine(Directory, $"result-{Interlocked.Increment(ref _sequence)}.spill");
        var created = false;
        try
        {
            ulong checksum;
            long length;
            using (var file = _files.Create(path))
            {
                created = true;
                var stream = new ChecksumWriteStream(file, cancellationToken);
                stream.Write(Magic);
                value.SpillTo(stream);
                stream.Flush();
                (checksum, length) = (stream.Checksum, stream.Written);
            }
            return new SpilledResult(key, path, bytes, length, checksum, value.SpillCodec);
        }
        catch (Exception e)
        {
            if (created)
            {
                TryDelete(path);
            }
            if (e is IOException or UnauthorizedAccessException)
            {
                throw new SpillException(
                    $"Could not spill the result of '{key}' ({bytes:N0} bytes) to '{path}': {e.Message} " +
                    "The memory limit was exceeded and results must go to disk, so the spill folder must be writable and have free space. " +
                    "Set ComputeOptions.SpillDirectory to such a folder, or raise ComputeOptions.MemoryLimit.", key, path, e);
            }
            throw;
        }
    }

    /// <summary>Reads a spilled result back and checks it is exactly what was written.</summary>
    public ISpillable Read(SpilledResult spilled)
    {
        Stream file;
        try
        {
            file = _files.OpenRead(spilled.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SpillException(
                $"Could not read back the spilled result of '{spilled.Key}' from '{spilled.Path}': {e.Message} " +
                "Spill files must stay in place until the run ends; do not clean the spill folder during a run.",
                spilled.Key, spilled.Path, e);
        }
        using (file)
        {
            var stream = new ChecksumReadStream(file, spilled.FileLength);
            ISpillable? value = null;
            Exception? decodeError = null;
            try
            {
                Span<byte> magic = stackalloc byte[Magic.Length];
                stream.ReadExactly(magic);
                if (!magic.SequenceEqual(Magic))
                {
                    throw new InvalidDataException("the file does not start with the spill magic \"TSSPILL1\"");
                }
                value = spilled.Codec.Restore(stream);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                decodeError = e; // judged below: damage on disk explains most decoding failures
            }
            var trailing = stream.Drain();
            var (length, checksum) = (stream.Position, stream.Checksum);
            if (length != spilled.FileLength || checksum != spilled.Checksum)
            {
                throw new SpillCorruptedException(
                    $"The spill file '{spilled.Path}' of '{spilled.Key}' is damaged: it holds {length:N0} bytes with checksum " +
                    $"{checksum:x16}, but {spilled.FileLength:N0} bytes with checksum {spilled.Checksum:x16} were written. " +
                    "Something changed the file during the run (disk fault, another process); the run stops rather than use it. " +
                    "Use a spill folder no other process writes to (ComputeOptions.SpillDirectory).",
                    spilled.Key, spilled.Path, decodeError);
            }
            if (decodeError is not null || trailing != 0)
            {
                throw new SpillException(
                    $"The spilled result of '{spilled.Key}' in '{spilled.Path}' is intact but its codec " +
                    $"({spilled.Codec.GetType().Name}) could not read it back" +
                    (decodeError is null ? $": {trailing:N0} bytes were left unread." : $": {decodeError.Message}") +
                    " The result type's SpillTo and its codec's Restore must agree on the layout.",
                    spilled.Key, spilled.Path, decodeError);
            }
            return value!;
        }
    }

    /// <summary>Removes a spill file that is no longer needed (its result was restored or released).</summary>
    public void Delete(SpilledResult spilled) => TryDelete(spilled.Path);

    /// <summary>Removes this run's folder and everything in it.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_directory is null)
            {
                return;
            }
            try
            {
                _files.DeleteDirectory(_directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The run's own outcome matters more than a leftover folder; say where it is.
                System.Diagnostics.Trace.TraceWarning($"Tessera could not remove its spill folder '{_directory}': {e.Message}");
            }
            _directory = null;
        }
    }

    private void EnsureDirectory(string key)
    {
        lock (_gate)
        {
            if (_directory is not null)
            {
                return;
            }
            try
            {
                _files.CreateDirectory(Directory);
                _directory = Directory;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SpillException(
                    $"Could not create the spill folder '{Directory}' inside '{_parent}' to spill the result of '{key}': {e.Message} " +
                    "The memory limit was exceeded and results must go to disk. Set ComputeOptions.SpillDirectory to a writable " +
                    "folder with free space, or raise ComputeOptions.MemoryLimit.", key, Directory, e);
            }
        }
    }

    private void TryDelete(string path)
    {
        try
        {
            _files.DeleteFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The folder is removed at the end of the run anyway.
        }
    }
}
