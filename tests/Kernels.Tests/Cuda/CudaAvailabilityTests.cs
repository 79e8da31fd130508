using Tessera.Kernels.Backends;

namespace Tessera.Kernels.Tests.Cuda;

/// <summary>
/// Listing and resolving CUDA devices behaves on every machine: with a GPU the ILGPU backend is
/// returned; without one the listing records why CUDA is absent and asking for cuda:N says so.
/// </summary>
public class CudaAvailabilityTests
{
    [Fact]
    public void Available_NeverThrows_AndListsTheGpusTheSystemReports()
    {
        var devices = Device.Available;
        var cuda = devices.Where(d => d.Kind == DeviceKind.Cuda).ToArray();
        var (expected, source) = SystemGpus();
        Assert.True(expected == cuda.Length,
            $"{source} reports {expected} NVIDIA GPU(s), Device.Available lists {cuda.Length}: {string.Join(", ", devices)}");
        Assert.All(cuda, d => Assert.True(d.IsGpu && d.MemoryBytes > 0 && d.Name.Length > 0, d.ToString()));
        if (cuda.Length > 0)
        {
            Assert.Equal(DeviceKind.Cuda, devices[0].Kind);
        }
    }

    /// <summary>
    /// NVIDIA GPUs visible to this process, counted without Tessera's CUDA code: nvidia-smi's list
    /// where it runs, else the kernel driver's /proc entries, limited by CUDA_VISIBLE_DEVICES.
    /// </summary>
    private static (int Count, string Source) SystemGpus()
    {
        int count;
        string source;
        try
        {
            using var smi = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("nvidia-smi", "-L")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var lines = smi.StandardOutput.ReadToEnd().Split('\n');
            smi.WaitForExit();
            count = smi.ExitCode == 0 ? lines.Count(l => l.StartsWith("GPU ", StringComparison.Ordinal)) : 0;
            source = $"nvidia-smi -L (exit code {smi.ExitCode})";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            const string Gpus = "/proc/driver/nvidia/gpus";
            count = Directory.Exists(Gpus) ? Directory.GetDirectories(Gpus).Length : 0;
            source = Directory.Exists(Gpus) ? Gpus : "this machine (no nvidia-smi, no NVIDIA driver in /proc)";
        }
        if (Environment.GetEnvironmentVariable("CUDA_VISIBLE_DEVICES") is { } visible)
        {
            var listed = visible.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .TakeWhile(v => !v.StartsWith('-')).Count(); // CUDA stops at the first invalid entry
            count = Math.Min(count, listed);
            source += $" with CUDA_VISIBLE_DEVICES={visible}";
        }
        return (count, source);
    }

    [Fact]
    public void For_Cuda0_GivesTheBackend_OrTheListingSaysWhyCudaIsAbsent()
    {
        if (CudaGpu.IsPresent)
        {
            Assert.Equal(Device.Cuda(0), ComputeBackends.For(Device.Cuda(0)).Device);
            return;
        }
        var error = Assert.Throws<NotSupportedException>(() => ComputeBackends.For(Device.Cuda(0)));
        Assert.Contains("cuda:0", error.Message);
        Assert.Contains("Device.Available", error.Message);
        var absence = Assert.Single(Device.Available.Absent, a => a.Backend == "CUDA");
        Assert.Contains(absence.ToString(), Device.Available.ToString());
    }

    [Fact]
    public void For_DeviceBeyondTheCount_SaysHowManyThereAre()
    {
        var error = Assert.Throws<NotSupportedException>(() => ComputeBackends.For(Device.Cuda(999)));
        Assert.Contains("cuda:999", error.Message);
    }
}
