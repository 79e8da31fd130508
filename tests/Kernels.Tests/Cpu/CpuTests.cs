using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Tests.Backends;
using Tessera.Kernels.Tests.Elementwise;
using Tessera.Kernels.Tests.Gemm;
using Tessera.Kernels.Tests.Parity;
using Tessera.Kernels.Tests.Reductions;

namespace Tessera.Kernels.Tests.Cpu;

// The feature test classes run on the CPU backend, the reference every other backend must match.

public sealed class CpuBackendTests : BackendTests
{
    internal override IComputeBackend Backend => CpuBackend.Instance;

    [Fact]
    public void Wrap_SharesTheArray_WithoutCopying()
    {
        var data = new double[] { 1, 2, 3, 4 };
        var buffer = CpuBuffer.Wrap(data, 2, 2);
        Backend.Elementwise(Ex.Input(0, DType.Float64) * 10.0, [buffer], buffer);
        Assert.Equal([10.0, 20, 30, 40], data);
    }

    [Fact]
    public void AsTensor_SharesTheBufferMemory()
    {
        var data = new float[] { 0, 1, 2, 3, 4, 5, 6 };
        var tensor = CpuBuffer.Wrap(data, 1, [2, 3]).AsTensor();
        Assert.Equal([2, 3], tensor.Lengths.ToArray());
        Assert.Equal(6f, tensor[1, 2]);
        tensor[0, 1] = 42f;
        Assert.Equal(42f, data[2]);
    }
}

public sealed class CpuReductionTests : ReductionTests
{
    internal override IComputeBackend Backend => CpuBackend.Instance;
}

public sealed class CpuBroadcastTests : BroadcastTests
{
    internal override IComputeBackend Backend => CpuBackend.Instance;
}

public sealed class CpuOpTests : OpTests
{
    internal override IComputeBackend Backend => CpuBackend.Instance;
}

public sealed class CpuNumPyParityTests : NumPyParityTests
{
    internal override IComputeBackend Backend => CpuBackend.Instance;
}

public sealed class CpuGemmTests : BackendGemmTests
{
    internal override IComputeBackend Backend => CpuBackend.Instance;
}
