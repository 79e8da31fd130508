namespace Tessera.Scheduling;

/// <summary>
/// The file operations spilling uses, behind one seam so tests can make them fail (a full disk,
/// a folder that cannot be written) without root rights or a tiny tmpfs.
/// </summary>
internal class SpillFileSystem
{
    public static SpillFileSystem Default { get; } = new();

    public virtual void CreateDirectory(string path) => Directory.CreateDirectory(path);

    /// <summary>A new file for writing; fails if it exists.</summary>
    public virtual Stream Create(string path) =>
        new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);

    public virtual Stream OpenRead(string path) =>
        new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 1 << 16);

    public virtual void DeleteFile(string path) => File.Delete(path);

    public virtual void DeleteDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
