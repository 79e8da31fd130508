using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Tessera.Kernels.Gpu;

/// <summary>
/// Compiled programs of one device, in memory and on disk.
/// </summary>
/// <remarks>
/// <para>Policy. A lookup tries, in order: this process's memory (the program object, ready to
/// launch); the disk directory (a binary the driver built earlier, in this or another process,
/// loaded without compiling); the compiler, whose binary is then written to disk. Compiling is the
/// expensive step (tens of milliseconds on PoCL and NVRTC alike), so a process never compiles a
/// key twice: concurrent requests for one key wait for the same compilation.</para>
/// <para>Keys. Memory is keyed by <see cref="KernelCacheKey.Text"/>. A disk entry's file name is the
/// SHA-256 of the key text and the generated source, so a changed generator (different text for
/// the same structure) never reads an old binary; the entry also stores the key text, checked on
/// load. Unreadable, foreign or rejected entries count as misses and are overwritten.</para>
/// <para>Location: <c>TESSERA_KERNEL_CACHE</c> if set (<c>off</c> disables the disk cache), else
/// <c>$XDG_CACHE_HOME/tessera/kernels</c>, else <c>~/.cache/tessera/kernels</c>. Writes go to a
/// temporary file renamed into place, so readers never see half an entry.</para>
/// </remarks>
/// <typeparam name="TProgram">The backend's compiled program type.</typeparam>
internal sealed class KernelCache<TProgram> where TProgram : class
{
    /// <summary>Overrides the cache directory; "off" disables the disk cache.</summary>
    public const string EnvironmentVariable = "TESSERA_KERNEL_CACHE";

    private static readonly byte[] Magic = "TSRK\u0001"u8.ToArray();
    private readonly ConcurrentDictionary<string, Lazy<TProgram>> _memory = new();
    private long _compiled;
    private long _loaded;
    private long _memoryHits;

    /// <param name="directory">Where binaries are kept; null for memory only.</param>
    public KernelCache(string? directory) => Directory = directory;

    /// <summary>The disk directory, or null when the disk cache is off.</summary>
    public string? Directory { get; }

    /// <summary>Programs compiled by this cache (disk and memory both missed).</summary>
    public long Compiled => Interlocked.Read(ref _compiled);

    /// <summary>Programs loaded from a disk binary without compiling.</summary>
    public long LoadedFromDisk => Interlocked.Read(ref _loaded);

    /// <summary>Lookups answered from memory.</summary>
    public long MemoryHits => Interlocked.Read(ref _memoryHits);

    /// <summary>The directory the environment selects (see the remarks), or null when it says off.</summary>
    /// <param name="environment">Reads a variable; the process environment when null (tests pass their own).</param>
    public static string? DefaultDirectory(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var setting = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(setting))
        {
            return setting.Trim().Equals("off", StringComparison.OrdinalIgnoreCase) ? null : setting.Trim();
        }
        var xdg = environment("XDG_CACHE_HOME");
        var root = string.IsNullOrWhiteSpace(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
            : xdg;
        return Path.Combine(root, "tessera", "kernels");
    }

    /// <summary>
    /// The program for <paramref name="key"/>: from memory, else <paramref name="load"/> of a disk
    /// binary (return null to reject it), else <paramref name="compile"/> (returning the program
    /// and its binary, or a null binary when the driver cannot give one).
    /// </summary>
    public TProgram GetOrAdd(KernelCacheKey key, Func<GpuKernelSource> generate,
        Func<GpuKernelSource, byte[], TProgram?> load, Func<GpuKernelSource, (TProgram Program, byte[]? Binary)> compile)
    {
        ArgumentNullException.ThrowIfNull(key);
        var text = key.Text;
        var created = false;
        var lazy = _memory.GetOrAdd(text, _ => new Lazy<TProgram>(() =>
        {
            created = true;
            return Build(text, generate(), load, compile);
        }, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            var program = lazy.Value;
            if (!created)
            {
                Interlocked.Increment(ref _memoryHits);
            }
            return program;
        }
        catch
        {
            // A failed build is not cached: the next call reports the error again.
            _memory.TryRemove(new KeyValuePair<string, Lazy<TProgram>>(text, lazy));
            throw;
        }
    }

    private TProgram Build(string key, GpuKernelSource source, Func<GpuKernelSource, byte[], TProgram?> load,
        Func<GpuKernelSource, (TProgram Program, byte[]? Binary)> compile)
    {
        var path = Directory is null ? null : Path.Combine(Directory, FileName(key, source.Source));
        if (path is not null && TryRead(path, key) is { } binary && load(source, binary) is { } loaded)
        {
            Interlocked.Increment(ref _loaded);
            return loaded;
        }
        var (program, compiledBinary) = compile(source);
        Interlocked.Increment(ref _compiled);
        if (path is not null && compiledBinary is { Length: > 0 })
        {
            TryWrite(path, key, compiledBinary);
        }
        return program;
    }

    private static string FileName(string key, string source)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key + "\n\0" + source));
        return Convert.ToHexStringLower(hash) + ".bin";
    }

    private static byte[]? TryRead(string path, string key)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }
            using var reader = new BinaryReader(File.OpenRead(path));
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || reader.ReadString() != key)
            {
                return null;
            }
            var length = reader.ReadInt32();
            var binary = reader.ReadBytes(length);
            return binary.Length == length ? binary : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    // A cache that cannot be written (read-only home, full disk) only costs recompiling later.
    private static void TryWrite(string path, string key, byte[] binary)
    {
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var writer = new BinaryWriter(File.Create(temporary)))
            {
                writer.Write(Magic);
                writer.Write(key);
                writer.Write(binary.Length);
                writer.Write(binary);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch (IOException)
        {
            TryDelete(temporary);
        }
        catch (UnauthorizedAccessException)
        {
            TryDelete(temporary);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
