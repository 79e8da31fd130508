using Tessera.Kernels.Backends;
using Tessera.Kernels.Ops;
using Tessera.Kernels.Tests.Backends;
using Tessera.Kernels.Tests.Elementwise;
using Tessera.Kernels.Tests.Gemm;
using Tessera.Kernels.Tests.Parity;
using Tessera.Kernels.Tests.Reductions;

namespace Tessera.Kernels.Tests.OpenCL;

// The feature test classes run on OpenCL device 0 (PoCL in CI), with the CPU classes' assertions.

public sealed class OpenClBackendTests : BackendTests
{
    internal override IComputeBackend Backend => OpenClTestDevice.Backend;
}

public sealed class OpenClReductionTests : ReductionTests
{
    internal override IComputeBackend Backend => OpenClTestDevice.Backend;
}

public sealed class OpenClBroadcastTests : BroadcastTests
{
    internal override IComputeBackend Backend => OpenClTestDevice.Backend;

    // PoCL's sin/cos/exp differ from .NET's by up to 2-4 ulp (measured: 2 ulp of 4.1 in
    // (3 sin x)^2 - cos x, cancelled by floor(x / 2) = -4 to 1e-5 relative).
    internal override double CancellationSlack => 32;
}

public sealed class OpenClOpTests : OpTests
{
    internal override IComputeBackend Backend => OpenClTestDevice.Backend;

    // PoCL spends about 0.5 s of CPU compiling each kernel (measured: 102 mixed-type kernels,
    // 60 s). One op per family and each helper with its own casts keeps the promotion paths
    // covered at half the compilations; all ops run at every type in Op_AtEveryLength.
    internal override IEnumerable<OpInfo> MixedTypeOps =>
    [
        OpTable.Add, OpTable.FloorDivide, OpTable.Remainder, OpTable.Power, OpTable.Maximum,
        OpTable.Divide, OpTable.Atan2, OpTable.Less, OpTable.And,
    ];
}

public sealed class OpenClNumPyParityTests : NumPyParityTests
{
    internal override IComputeBackend Backend => OpenClTestDevice.Backend;
}

public sealed class OpenClGemmTests : BackendGemmTests
{
    internal override IComputeBackend Backend => OpenClTestDevice.Backend;
}
