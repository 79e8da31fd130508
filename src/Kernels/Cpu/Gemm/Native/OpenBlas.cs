using System.Runtime.InteropServices;

namespace Tessera.Kernels.Cpu;

/// <summary>
/// The system OpenBLAS, found at first use by probing the usual library names.
/// </summary>
/// <remarks>
/// Entry points are bound as unmanaged function pointers from <see cref="NativeLibrary.GetExport"/>
/// rather than with <c>[LibraryImport]</c>: the library name is only known after probing, and
/// the alternative (<see cref="NativeLibrary.SetDllImportResolver"/>) can be installed once per
/// assembly, which would collide with the OpenCL and CUDA backends living in this assembly.
/// A function-pointer call is the same direct call the source generator emits for blittable
/// arguments, so nothing is lost.
/// </remarks>
internal static unsafe class OpenBlas
{
    // Tried in order. The generic libblas names are accepted only when the library turns out to
    // be OpenBLAS (it exports openblas_set_num_threads): the reference BLAS those names may point
    // to is slower than the managed kernel, so it is not worth binding.
    private static readonly string[] s_candidates =
    [
        "libopenblas.so.0", "libopenblas.so", "libopenblas.dylib", "libopenblas.dll", "openblas",
        "libblas.so.3", "libblas.so",
    ];

    private static readonly Lazy<Library?> s_library = new(Probe, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The loaded library, or null when no usable OpenBLAS was found.</summary>
    public static Library? Loaded => s_library.Value;

    /// <summary>True when an OpenBLAS with cblas_sgemm and cblas_dgemm was found.</summary>
    public static bool IsAvailable => Loaded is not null;

    private static Library? Probe()
    {
        foreach (var name in s_candidates)
        {
            if (!NativeLibrary.TryLoad(name, typeof(OpenBlas).Assembly, null, out var handle))
            {
                continue;
            }
            if (NativeLibrary.TryGetExport(handle, "cblas_sgemm", out var sgemm)
                && NativeLibrary.TryGetExport(handle, "cblas_dgemm", out var dgemm)
                && NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out var setThreads)
                && NativeLibrary.TryGetExport(handle, "openblas_get_num_threads", out var getThreads))
            {
                NativeLibrary.TryGetExport(handle, "openblas_get_config", out var config);
                NativeLibrary.TryGetExport(handle, "openblas_get_corename", out var corename);
                return new Library(name, sgemm, dgemm, setThreads, getThreads, config, corename);
            }
            NativeLibrary.Free(handle);
        }
        return null;
    }

    /// <summary>Bound entry points of one loaded OpenBLAS. Enum arguments follow cblas.h.</summary>
    internal sealed class Library(string name, nint sgemm, nint dgemm, nint setThreads, nint getThreads, nint config, nint corename)
    {
        /// <summary>CblasRowMajor.</summary>
        public const int RowMajor = 101;

        /// <summary>CblasNoTrans.</summary>
        public const int NoTrans = 111;

        /// <summary>CblasTrans.</summary>
        public const int Trans = 112;

        /// <summary>The name the library was loaded by.</summary>
        public string Name { get; } = name;

        /// <summary>cblas_sgemm(order, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc).</summary>
        public delegate* unmanaged[Cdecl]<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> Sgemm { get; } =
            (delegate* unmanaged[Cdecl]<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)sgemm;

        /// <summary>cblas_dgemm, same arguments as <see cref="Sgemm"/> in double.</summary>
        public delegate* unmanaged[Cdecl]<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> Dgemm { get; } =
            (delegate* unmanaged[Cdecl]<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)dgemm;

        /// <summary>openblas_set_num_threads: process-wide in OpenBLAS 0.3.21 (no per-call variant).</summary>
        public delegate* unmanaged[Cdecl]<int, void> SetNumThreads { get; } = (delegate* unmanaged[Cdecl]<int, void>)setThreads;

        /// <summary>openblas_get_num_threads.</summary>
        public delegate* unmanaged[Cdecl]<int> GetNumThreads { get; } = (delegate* unmanaged[Cdecl]<int>)getThreads;

        /// <summary>openblas_get_config text (version, target core), or the library name when not exported.</summary>
        public string Config => ReadString(config) ?? Name;

        /// <summary>
        /// The kernel family OpenBLAS picked for this CPU (openblas_get_corename), e.g. "Haswell";
        /// empty when not exported.
        /// </summary>
        public string CoreName => ReadString(corename) ?? "";

        /// <summary>
        /// True when OpenBLAS runs AVX-512 kernels. OpenBLAS maps CPUs it does not know to an older
        /// target: 0.3.21 runs Zen 5 on its AVX2 "Haswell" kernels.
        /// </summary>
        public bool UsesAvx512Kernels =>
            CoreName.Contains("skylakex", StringComparison.OrdinalIgnoreCase)
            || CoreName.Contains("cooperlake", StringComparison.OrdinalIgnoreCase)
            || CoreName.Contains("sapphirerapids", StringComparison.OrdinalIgnoreCase);

        private static string? ReadString(nint function) =>
            function == 0 ? null : Marshal.PtrToStringUTF8(((delegate* unmanaged[Cdecl]<nint>)function)());
    }
}
