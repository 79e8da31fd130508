using Tessera.Kernels.Gpu;

namespace Tessera.Kernels.Tests.Gpu;

/// <summary>The cache policy with a stand-in compiler: memory, then disk, then compile; bad entries recompile.</summary>
public sealed class KernelCacheTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"tessera-cache-test-{Guid.NewGuid():N}");
    private int _compiles;

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void SecondLookup_IsAMemoryHit_AndANewCacheOnTheSameDirectoryLoadsFromDisk()
    {
        var key = new KernelCacheKey("ew|x", "device A", "compiler 1", "-O2");
        var first = new KernelCache<string>(_directory);
        Assert.Equal("program:src", Get(first, key));
        Assert.Equal("program:src", Get(first, key));
        Assert.Equal((1, 0, 1), (first.Compiled, first.LoadedFromDisk, first.MemoryHits));

        var second = new KernelCache<string>(_directory);
        Assert.Equal("loaded:binary-of-src", Get(second, key));
        Assert.Equal((0L, 1L), (second.Compiled, second.LoadedFromDisk));
        Assert.Equal(1, _compiles);
    }

    [Fact]
    public void OtherDeviceOrCompiler_MissesTheDiskEntry()
    {
        var cache = new KernelCache<string>(_directory);
        Get(cache, new KernelCacheKey("ew|x", "device A", "compiler 1", ""));
        var fresh = new KernelCache<string>(_directory);
        Get(fresh, new KernelCacheKey("ew|x", "device B", "compiler 1", ""));
        Get(fresh, new KernelCacheKey("ew|x", "device A", "compiler 2", ""));
        Assert.Equal((2L, 0L), (fresh.Compiled, fresh.LoadedFromDisk));
    }

    [Fact]
    public void CorruptOrRejectedEntry_IsRecompiledAndRewritten()
    {
        var key = new KernelCacheKey("ew|y", "d", "c", "");
        Get(new KernelCache<string>(_directory), key);
        var file = Assert.Single(Directory.GetFiles(_directory));
        File.WriteAllBytes(file, [1, 2, 3]);
        var cache = new KernelCache<string>(_directory);
        Get(cache, key);
        Assert.Equal((1L, 0L), (cache.Compiled, cache.LoadedFromDisk));

        var rejecting = new KernelCache<string>(_directory);
        rejecting.GetOrAdd(key, () => Source("src"), (_, _) => null, s => ("compiled", [1]));
        Assert.Equal((1L, 0L), (rejecting.Compiled, rejecting.LoadedFromDisk));
    }

    [Fact]
    public void FailedCompile_IsNotCached()
    {
        var cache = new KernelCache<string>(null);
        var key = new KernelCacheKey("bad", "d", "c", "");
        Assert.Throws<KernelCompileException>(() => cache.GetOrAdd(key, () => Source("x"), (_, _) => null, s => throw new KernelCompileException("t", "log", s.Source)));
        Assert.Equal("program:x", cache.GetOrAdd(key, () => Source("x"), (_, _) => null, s => ("program:x", null)));
    }

    [Fact]
    public void DefaultDirectory_FollowsTheEnvironment()
    {
        // A private environment: changing the process's would race with backends created by parallel tests.
        string? Env(string name, string? cache, string? xdg) => name == KernelCache<string>.EnvironmentVariable ? cache : name == "XDG_CACHE_HOME" ? xdg : null;
        Assert.Equal("/tmp/somewhere", KernelCache<string>.DefaultDirectory(n => Env(n, " /tmp/somewhere ", "/x")));
        Assert.Null(KernelCache<string>.DefaultDirectory(n => Env(n, "OFF", "/x")));
        Assert.Equal(Path.Combine("/x", "tessera", "kernels"), KernelCache<string>.DefaultDirectory(n => Env(n, null, "/x")));
        Assert.EndsWith(Path.Combine(".cache", "tessera", "kernels"), KernelCache<string>.DefaultDirectory(n => Env(n, "", null)));
    }

    private string Get(KernelCache<string> cache, KernelCacheKey key) => cache.GetOrAdd(key, () => Source("src"),
        (source, binary) => $"loaded:{System.Text.Encoding.UTF8.GetString(binary)}",
        source =>
        {
            _compiles++;
            return ($"program:{source.Source}", System.Text.Encoding.UTF8.GetBytes($"binary-of-{source.Source}"));
        });

    private static GpuKernelSource Source(string text) => new(text, ["k"], "s", [], 0, false);
}
