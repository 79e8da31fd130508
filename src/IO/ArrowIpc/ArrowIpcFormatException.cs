namespace Tessera.IO.ArrowIpc;

/// <summary>An Arrow IPC / Feather v2 file is truncated, corrupted or not Arrow: the message names the file and the structure.</summary>
public sealed class ArrowIpcFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="structure"/> of <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="structure">What was being decoded, e.g. "footer" or "record batch 3".</param>
    /// <param name="problem">What was found and the fix.</param>
    /// <param name="inner">The decoder's error, if any.</param>
    public ArrowIpcFormatException(string path, string structure, string problem, Exception? inner = null)
        : base($"Malformed Arrow IPC {structure} in '{path}': {problem}", inner)
    {
        Path = path;
        Structure = structure;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The structure being decoded.</summary>
    public string Structure { get; }
}
