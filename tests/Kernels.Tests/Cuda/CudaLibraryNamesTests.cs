using Tessera.Kernels.Cuda.Native;

namespace Tessera.Kernels.Tests.Cuda;

/// <summary>Where the CUDA libraries are looked for (pure functions; no GPU needed).</summary>
public class CudaLibraryNamesTests
{
    [Fact]
    public void Names_ListNewestCudaMajorFirst()
    {
        Assert.Equal(["libcuda.so.1", "libcuda.so"], CudaLibraryNames.Driver);
        Assert.Equal("libnvrtc.so.13", CudaLibraryNames.Nvrtc[0]);
        Assert.Equal(["libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2"], CudaLibraryNames.Nvrtc.Take(3));
        Assert.Equal("libnvrtc.so", CudaLibraryNames.Nvrtc[^1]);
        Assert.Equal(["libcublas.so.13", "libcublas.so.12", "libcublas.so.11", "libcublas.so"], CudaLibraryNames.Cublas);
    }

    [Fact]
    public void SearchFolders_IncludeCudaHomeSystemCudaAndPythonWheels()
    {
        var env = new Dictionary<string, string?> { ["CUDA_HOME"] = "/opt/cuda-12.4" };
        var folders = CudaLibraryNames.SearchFolders(
            CudaLibrary.Nvrtc, v => env.GetValueOrDefault(v), ["/usr/local/lib", "/missing"],
            (root, pattern) => root == "/usr/local/lib" && pattern == "python3*" ? ["/usr/local/lib/python3.12", "/usr/local/lib/python3.10"] : []);
        Assert.Equal(
        [
            "/opt/cuda-12.4/lib64",
            "/usr/local/cuda/lib64",
            "/usr/local/lib/python3.10/dist-packages/nvidia/cu13/lib",
            "/usr/local/lib/python3.10/dist-packages/nvidia/cuda_nvrtc/lib",
            "/usr/local/lib/python3.10/site-packages/nvidia/cu13/lib",
            "/usr/local/lib/python3.10/site-packages/nvidia/cuda_nvrtc/lib",
            "/usr/local/lib/python3.12/dist-packages/nvidia/cu13/lib",
            "/usr/local/lib/python3.12/dist-packages/nvidia/cuda_nvrtc/lib",
            "/usr/local/lib/python3.12/site-packages/nvidia/cu13/lib",
            "/usr/local/lib/python3.12/site-packages/nvidia/cuda_nvrtc/lib",
        ], folders);
    }

    [Fact]
    public void SearchFolders_ForCublas_UseTheCublasWheel_AndForTheDriver_TheSystemFolders()
    {
        var cublas = CudaLibraryNames.SearchFolders(CudaLibrary.Cublas, _ => null, ["/r"], (_, _) => ["/r/python3.11"]);
        Assert.Contains("/r/python3.11/site-packages/nvidia/cublas/lib", cublas);
        var driver = CudaLibraryNames.SearchFolders(CudaLibrary.Driver, _ => "/ignored", ["/r"], (_, _) => ["/r/python3.11"]);
        Assert.Contains("/usr/lib/wsl/lib", driver);
        Assert.DoesNotContain(driver, f => f.Contains("python", StringComparison.Ordinal));
    }

    [Fact]
    public void PythonLibRoots_PutTheActiveEnvironmentFirst()
    {
        var env = new Dictionary<string, string?> { ["VIRTUAL_ENV"] = "/home/u/venv", ["HOME"] = "/home/u" };
        var roots = CudaLibraryNames.PythonLibRoots(v => env.GetValueOrDefault(v),
            (root, _) => root == "/home/u/.pyenv/versions" ? ["/home/u/.pyenv/versions/3.11.7"] : []);
        Assert.Equal("/home/u/venv/lib", roots[0]);
        Assert.Equal("/home/u/.local/lib", roots[1]);
        Assert.Equal("/home/u/.pyenv/versions/3.11.7/lib", roots[2]);
        Assert.Contains("/usr/local/lib", roots);
        Assert.Contains("/usr/lib", roots);
    }

    [Fact]
    public void Candidates_TryEachVersionOnTheLoaderPathThenInEachFolder()
    {
        var candidates = CudaLibraryNames.Candidates(["libx.so.2", "libx.so"], ["/a", "/b"]);
        Assert.Equal(["libx.so.2", "/a/libx.so.2", "/b/libx.so.2", "libx.so", "/a/libx.so", "/b/libx.so"], candidates);
    }

    [Theory]
    [InlineData("libnvrtc.so.12", 12)]
    [InlineData("libnvrtc.so.11.2", 11)]
    [InlineData("libcublas.so.13", 13)]
    [InlineData("libnvrtc.so", null)]
    public void MajorVersion_ReadsTheSonameMajor(string name, int? major) =>
        Assert.Equal(major, CudaLibraryNames.MajorVersion(name));

    [Fact]
    public void PreferDriverVersion_MovesLibrariesNewerThanTheDriverToTheEnd()
    {
        var ordered = CudaLibraryNames.PreferDriverVersion(CudaLibraryNames.Nvrtc, 12040);
        Assert.Equal("libnvrtc.so.12", ordered[0]);
        Assert.Equal("libnvrtc.so.13", ordered[^1]);
        Assert.Equal(CudaLibraryNames.Nvrtc, CudaLibraryNames.PreferDriverVersion(CudaLibraryNames.Nvrtc, 13000));
        Assert.Equal(CudaLibraryNames.Nvrtc, CudaLibraryNames.PreferDriverVersion(CudaLibraryNames.Nvrtc, 0));
    }

    [Fact]
    public void Companions_AreCublasLtAndNvrtcBuiltinsOfTheSameVersion()
    {
        string[] files = ["libcublas.so.12", "libcublasLt.so.12", "libcublasLt.so.11", "libnvrtc.so.12", "libnvrtc-builtins.so.12.4", "libnvrtc-builtins.so.11.8"];
        Assert.Equal(["libcublasLt.so.12"], CudaLibraryNames.Companions("libcublas.so.12", files));
        Assert.Equal(["libnvrtc-builtins.so.12.4"], CudaLibraryNames.Companions("libnvrtc.so.12", files));
        Assert.Empty(CudaLibraryNames.Companions("libcuda.so.1", files));
    }
}
