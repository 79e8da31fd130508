namespace Tessera.Kernels.Cuda.Native;

/// <summary>
/// Where the CUDA libraries are looked for: file names per library (newest CUDA major first,
/// 13, 12, 11, then unversioned) and the folders tried besides the loader's own search path.
/// Pure functions, so the lists are testable on a machine without CUDA.
/// </summary>
/// <remarks>
/// Python wheels (nvidia-cuda-nvrtc-cu12, nvidia-cublas-cu12, …) install the libraries under
/// <c>site-packages/nvidia/NAME/lib</c> without touching the loader path, and many GPU machines
/// only have CUDA that way; hence the Python folders. The driver (libcuda) always comes with the
/// kernel driver and sits on the loader path.
/// </remarks>
internal static class CudaLibraryNames
{
    /// <summary>The driver API: the versioned soname first (the unversioned one ships only with dev packages).</summary>
    public static IReadOnlyList<string> Driver { get; } = ["libcuda.so.1", "libcuda.so"];

    /// <summary>NVRTC: CUDA 13, 12, 11.2+ (11.2 froze the soname), older 11.x, then unversioned.</summary>
    public static IReadOnlyList<string> Nvrtc { get; } =
    [
        "libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so.11.1", "libnvrtc.so.11.0", "libnvrtc.so",
    ];

    /// <summary>cuBLAS: CUDA 13, 12, 11, then unversioned.</summary>
    public static IReadOnlyList<string> Cublas { get; } = ["libcublas.so.13", "libcublas.so.12", "libcublas.so.11", "libcublas.so"];

    private static readonly string[] DriverFolders = ["/usr/lib/wsl/lib", "/usr/lib/x86_64-linux-gnu", "/usr/lib64"];

    /// <summary>
    /// The wheel folders (<c>nvidia/NAME/lib</c>) that hold NVRTC or cuBLAS: CUDA 13 wheels put every
    /// library in <c>nvidia/cu13/lib</c>; CUDA 11 and 12 wheels use one folder per component.
    /// </summary>
    public static IReadOnlyList<string> WheelFolders(CudaLibrary library) =>
        library == CudaLibrary.Nvrtc ? ["cu13", "cuda_nvrtc"] : ["cu13", "cublas"];

    /// <summary>The file names of <paramref name="library"/>, in the order they are tried.</summary>
    public static IReadOnlyList<string> Names(CudaLibrary library) => library switch
    {
        CudaLibrary.Driver => Driver,
        CudaLibrary.Nvrtc => Nvrtc,
        _ => Cublas,
    };

    /// <summary>
    /// Libraries in the same folder to load before <paramref name="fileName"/>: it finds them by
    /// soname, and a wheel's folder is not on the loader path. libcublas needs libcublasLt of its
    /// version; NVRTC opens its libnvrtc-builtins at the first compile.
    /// </summary>
    /// <param name="fileName">The library about to be loaded, e.g. libcublas.so.12.</param>
    /// <param name="filesInFolder">The file names in its folder.</param>
    public static IReadOnlyList<string> Companions(string fileName, IEnumerable<string> filesInFolder)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(filesInFolder);
        const string cublas = "libcublas.so", nvrtc = "libnvrtc.so";
        string? prefix = null;
        if (fileName.StartsWith(cublas, StringComparison.Ordinal))
        {
            prefix = "libcublasLt.so" + fileName[cublas.Length..];
        }
        else if (fileName.StartsWith(nvrtc, StringComparison.Ordinal))
        {
            prefix = "libnvrtc-builtins.so" + fileName[nvrtc.Length..];
        }
        return prefix is null
            ? []
            : [.. filesInFolder.Where(f => f.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Folders tried after the loader's default search, in order: <c>$CUDA_HOME/lib64</c>,
    /// <c>$CUDA_PATH/lib64</c>, /usr/local/cuda/lib64, then each Python installation's
    /// <c>nvidia/<paramref name="library"/>'s folder/lib</c>.
    /// </summary>
    /// <param name="library">Which library's wheel folder to list.</param>
    /// <param name="environment">Reads an environment variable (<see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    /// <param name="pythonLibRoots">Folders holding <c>python3.X</c> folders, e.g. /usr/local/lib; see <see cref="PythonLibRoots"/>.</param>
    /// <param name="listDirectories">Lists the sub-folders of a folder matching a pattern (empty when it does not exist).</param>
    public static IReadOnlyList<string> SearchFolders(
        CudaLibrary library,
        Func<string, string?> environment,
        IEnumerable<string> pythonLibRoots,
        Func<string, string, IEnumerable<string>> listDirectories)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(pythonLibRoots);
        ArgumentNullException.ThrowIfNull(listDirectories);
        if (library == CudaLibrary.Driver)
        {
            // The driver comes with the kernel module, on the loader path; WSL keeps it apart.
            return DriverFolders;
        }
        var folders = new List<string>();
        foreach (var variable in (string[])["CUDA_HOME", "CUDA_PATH"])
        {
            if (environment(variable) is { Length: > 0 } home)
            {
                folders.Add(Path.Combine(home, "lib64"));
            }
        }
        folders.Add("/usr/local/cuda/lib64");
        foreach (var root in pythonLibRoots)
        {
            foreach (var python in listDirectories(root, "python3*").Order(StringComparer.Ordinal))
            {
                foreach (var packages in (string[])["dist-packages", "site-packages"])
                {
                    foreach (var wheel in WheelFolders(library))
                    {
                        folders.Add(Path.Combine(python, packages, "nvidia", wheel, "lib"));
                    }
                }
            }
        }
        return [.. folders.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The folders Python installations keep their <c>python3.X</c> library folders in: the active
    /// virtual environment or conda prefix first, then the user's ~/.local, then pyenv's versions,
    /// then the system ones.
    /// </summary>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="listDirectories">Lists the sub-folders of a folder matching a pattern (empty when it does not exist).</param>
    public static IReadOnlyList<string> PythonLibRoots(Func<string, string?> environment, Func<string, string, IEnumerable<string>> listDirectories)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(listDirectories);
        var roots = new List<string>();
        foreach (var variable in (string[])["VIRTUAL_ENV", "CONDA_PREFIX"])
        {
            if (environment(variable) is { Length: > 0 } prefix)
            {
                roots.Add(Path.Combine(prefix, "lib"));
            }
        }
        if (environment("HOME") is { Length: > 0 } home)
        {
            roots.Add(Path.Combine(home, ".local", "lib"));
        }
        var pyenv = environment("PYENV_ROOT") is { Length: > 0 } p ? p : environment("HOME") is { Length: > 0 } h ? Path.Combine(h, ".pyenv") : null;
        if (pyenv is not null)
        {
            roots.AddRange(listDirectories(Path.Combine(pyenv, "versions"), "*").Order(StringComparer.Ordinal).Select(v => Path.Combine(v, "lib")));
        }
        roots.AddRange(["/usr/local/lib", "/usr/lib", "/opt/conda/lib"]);
        return roots;
    }

    /// <summary>
    /// Every path handed to the loader, in order: for each name (newest version first) the bare
    /// name, which the loader resolves through LD_LIBRARY_PATH and ld.so.cache, then that name in
    /// each search folder. Version order wins over location so the newest library found is used.
    /// </summary>
    public static IReadOnlyList<string> Candidates(IReadOnlyList<string> names, IReadOnlyList<string> folders)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(folders);
        var result = new List<string>(names.Count * (folders.Count + 1));
        foreach (var name in names)
        {
            result.Add(name);
            foreach (var folder in folders)
            {
                result.Add(Path.Combine(folder, name));
            }
        }
        return result;
    }

    /// <summary>
    /// <paramref name="names"/> reordered so that libraries of a CUDA major version the driver
    /// supports come first (a CUBIN from a newer NVRTC than the driver may not load); newer ones
    /// stay as a last resort. <paramref name="driverVersion"/> is cuDriverGetVersion's 1000*major + 10*minor.
    /// </summary>
    public static IReadOnlyList<string> PreferDriverVersion(IReadOnlyList<string> names, int driverVersion)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (driverVersion <= 0)
        {
            return names;
        }
        var driverMajor = driverVersion / 1000;
        return [.. names.OrderBy(n => MajorVersion(n) is int major && major > driverMajor ? 1 : 0)];
    }

    /// <summary>The CUDA major version in a file name such as libnvrtc.so.12 or libnvrtc.so.11.2; null when unversioned.</summary>
    public static int? MajorVersion(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var at = fileName.IndexOf(".so.", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }
        var rest = fileName[(at + 4)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return int.TryParse(dot < 0 ? rest : rest[..dot], System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var major) ? major : null;
    }
}

/// <summary>The native CUDA libraries this backend loads.</summary>
internal enum CudaLibrary
{
    /// <summary>libcuda: the driver API.</summary>
    Driver,

    /// <summary>libnvrtc: the runtime compiler.</summary>
    Nvrtc,

    /// <summary>libcublas: BLAS.</summary>
    Cublas,
}
