namespace Tessera;

/// <summary>
/// A result could not be spilled to disk or restored from it: the spill folder is not writable,
/// is full, or a spill file was damaged. The run stops; no result is returned, so none is wrong.
/// </summary>
public class SpillException : IOException
{
    /// <summary>Creates the exception.</summary>
    public SpillException(string message, string key, string path, Exception? inner = null)
        : base(message, inner)
    {
        Key = key;
        Path = path;
    }

    /// <summary>The key of the task whose result was being spilled or restored.</summary>
    public string Key { get; }

    /// <summary>The spill file (or folder) involved.</summary>
    public string Path { get; }
}

/// <summary>A spill file read back does not hold what was written (its checksum or length differs).</summary>
public sealed class SpillCorruptedException(string message, string key, string path, Exception? inner = null)
    : SpillException(message, key, path, inner);
