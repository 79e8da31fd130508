using Tessera.Kernels;

namespace Tessera.DataFrames.Tests;

/// <summary>
/// The fused column kernels on a CUDA GPU, compared with the CPU backend's results (which the CPU
/// test class compares with pandas). Skips, naming the probe's reason, where no CUDA GPU is present.
/// </summary>
public sealed class CudaColumnExpressionTests
{
    [CudaFact]
    public void FusedExpression_OnCuda_EqualsCpu()
    {
        using var folder = new TestData.Folder();
        var df = DataFrame.ReadCsv(TestData.Accounts(folder, 3, 1000, nulls: true));
        var query = df.Assign("score", df["amount"] * 2 + df["id"] > 500)
            .Assign("ratio", (df["amount"] / (df["id"] + 1)).FillNull(0.0))
            .Assign("alice", df["names"] == "Alice");
        var cpu = query.Compute(new ComputeOptions { Device = Device.Cpu });
        var cuda = query.Compute(new ComputeOptions { Device = Device.Cuda(0) });
        foreach (var column in cpu.Columns)
        {
            Assert.Equal(cpu[column].ToList(), cuda[column].ToList());
        }
        Assert.Equal(df["amount"].Sum().Compute(new ComputeOptions { Device = Device.Cpu }),
            df["amount"].Sum().Compute(new ComputeOptions { Device = Device.Cuda(0) }));
    }
}

/// <summary>A fact that runs only where ILGPU finds a CUDA GPU, and otherwise skips saying why.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Absent = new(() =>
    {
        // Skip attributes run before anything has loaded Tessera.Kernels, whose module initializer
        // registers the GPU probe; register here so the listing is complete.
        KernelBackends.Register();
        var devices = Device.Available;
        if (devices.Any(d => d.Device == Device.Cuda(0)))
        {
            return null;
        }
        var why = devices.Absent.Where(a => a.Backend.StartsWith("CUDA", StringComparison.Ordinal) || a.Backend == "ILGPU").ToArray();
        return $"no CUDA GPU present ({(why.Length > 0 ? string.Join("; ", why) : "the ILGPU probe recorded no reason")})";
    });

    public CudaFactAttribute()
    {
        if (Absent.Value is { } reason)
        {
            Skip = reason;
        }
    }
}
