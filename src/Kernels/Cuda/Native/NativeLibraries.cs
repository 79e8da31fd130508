using System.Runtime.InteropServices;

namespace Tessera.Kernels.Cuda.Native;

/// <summary>Loads one of the CUDA libraries from the candidate paths, remembering what was tried.</summary>
internal static class NativeLibraries
{
    /// <summary>
    /// Tries each candidate of <paramref name="library"/> (see <see cref="CudaLibraryNames"/>) until
    /// one loads. Never throws for a missing library: a machine without CUDA is a normal case.
    /// </summary>
    /// <param name="library">The library.</param>
    /// <param name="names">Its file names, in order of preference.</param>
    /// <param name="handle">The loaded library.</param>
    /// <param name="loadedFrom">The candidate that loaded.</param>
    /// <param name="tried">A short description of what was looked for, for error messages.</param>
    public static bool TryLoad(CudaLibrary library, IReadOnlyList<string> names, out nint handle, out string loadedFrom, out string tried)
    {
        var folders = CudaLibraryNames.SearchFolders(
            library, Environment.GetEnvironmentVariable, CudaLibraryNames.PythonLibRoots(Environment.GetEnvironmentVariable, ListDirectories), ListDirectories);
        foreach (var candidate in CudaLibraryNames.Candidates(names, folders))
        {
            var folder = Path.GetDirectoryName(candidate);
            if (!string.IsNullOrEmpty(folder))
            {
                if (!File.Exists(candidate))
                {
                    continue;
                }
                LoadCompanions(candidate, folder);
            }
            if (NativeLibrary.TryLoad(candidate, out handle))
            {
                loadedFrom = candidate;
                tried = "";
                return true;
            }
        }
        handle = 0;
        loadedFrom = "";
        tried = $"{string.Join(", ", names)} on the loader path and in {string.Join(", ", folders.Take(4))}" +
            (folders.Count > 4 ? $" and {folders.Count - 4} Python nvidia/*/lib folder(s)" : "");
        return false;
    }

    /// <summary>The address of <paramref name="name"/> in <paramref name="library"/>, or 0 when it does not export it.</summary>
    public static nint Export(nint library, string name) => NativeLibrary.TryGetExport(library, name, out var address) ? address : 0;

    /// <summary>The address of <paramref name="name"/>; throws naming the library when it is missing.</summary>
    public static nint RequiredExport(nint library, string libraryPath, string name) =>
        NativeLibrary.TryGetExport(library, name, out var address)
            ? address
            : throw new EntryPointNotFoundException(
                $"{libraryPath} does not export {name}; it is older than this backend supports (CUDA 11 or newer is needed). " +
                "Install a newer CUDA driver/toolkit, or use Device.Cpu.");

    private static void LoadCompanions(string candidate, string folder)
    {
        try
        {
            var files = Directory.EnumerateFiles(folder).Select(Path.GetFileName).OfType<string>();
            foreach (var companion in CudaLibraryNames.Companions(Path.GetFileName(candidate), files))
            {
                // Failure here surfaces as the main library's own load error, which names the missing soname.
                NativeLibrary.TryLoad(Path.Combine(folder, companion), out _);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static IEnumerable<string> ListDirectories(string root, string pattern)
    {
        try
        {
            return Directory.Exists(root) ? Directory.GetDirectories(root, pattern) : [];
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }
}
