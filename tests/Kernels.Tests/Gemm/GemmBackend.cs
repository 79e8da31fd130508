using System.Runtime.Intrinsics;
using Tessera.Kernels.Cpu;

namespace Tessera.Kernels.Tests.Gemm;

/// <summary>One way of running CpuGemm that the shared contract tests are run against.</summary>
internal sealed class GemmBackend
{
    private GemmBackend(string name, Action<Call<float>> single, Action<Call<double>> @double)
    {
        Name = name;
        Single = single;
        Double = @double;
    }

    /// <summary>Name shown in test output.</summary>
    public string Name { get; }

    internal Action<Call<float>> Single { get; }

    internal Action<Call<double>> Double { get; }

    /// <summary>All backends the contract tests cover, whatever this CPU would pick.</summary>
    public static TheoryData<string> Names => ["openblas", "managed", "managed-vector256", "managed-vector128"];

    /// <summary>The backend called <paramref name="name"/>.</summary>
    public static GemmBackend Get(string name) => name switch
    {
        "openblas" => Public(name, GemmPath.NativeBlas),
        "managed" => Public(name, GemmPath.Managed),
        "managed-vector256" => new(name, c => c.RunManaged<Vector256<float>, Simd256<float>>(), c => c.RunManaged<Vector256<double>, Simd256<double>>()),
        "managed-vector128" => new(name, c => c.RunManaged<Vector128<float>, Simd128<float>>(), c => c.RunManaged<Vector128<double>, Simd128<double>>()),
        _ => throw new ArgumentException($"unknown backend {name}", nameof(name)),
    };

    private static GemmBackend Public(string name, GemmPath path)
    {
        if (path == GemmPath.NativeBlas && !OpenBlas.IsAvailable)
        {
            // A failure, not a skip: the BLAS path is the default and must be exercised.
            throw new InvalidOperationException(
                "OpenBLAS was not found (libopenblas.so.0 …). Install libopenblas0-pthread (Debian) to test the BLAS path.");
        }
        return new(name, c => c.RunPublic(path), c => c.RunPublic(path));
    }

    /// <summary>Runs a float or double call.</summary>
    internal void Run<T>(Call<T> call)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        if (typeof(T) == typeof(float))
        {
            Single((Call<float>)(object)call);
        }
        else
        {
            Double((Call<double>)(object)call);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>The arguments of one GEMM call.</summary>
    internal sealed record Call<T>(
        bool TransA, bool TransB, int M, int N, int K, T Alpha, T[] A, int Lda, T[] B, int Ldb, T Beta, T[] C, int Ldc, int Threads)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        public void RunPublic(GemmPath path) =>
            CpuGemm.Gemm(TransA, TransB, M, N, K, Alpha, A, Lda, B, Ldb, Beta, C, Ldc, new GemmOptions { Threads = Threads, Path = path });

        public unsafe void RunManaged<TVec, TOps>()
            where TVec : struct
            where TOps : ISimd<T, TVec>
        {
            // Same validation and edge handling as the public entry, then the chosen vector type.
            GemmArguments.Validate(TransA, TransB, M, N, K, A.Length, Lda, B.Length, Ldb, C.Length, Ldc);
            if (M == 0 || N == 0 || K == 0 || T.IsZero(Alpha))
            {
                RunPublic(GemmPath.Managed);
                return;
            }
            fixed (T* pa = A)
            fixed (T* pb = B)
            fixed (T* pc = C)
            {
                var g = new GemmProblem<T>(TransA, TransB, M, N, K, Alpha, (nint)pa, Lda, (nint)pb, Ldb, Beta, (nint)pc, Ldc);
                ManagedGemm.Run<T, TVec, TOps>(g, Threads);
            }
        }
    }
}
