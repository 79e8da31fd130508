using Tessera.Kernels.Backends;
using Tessera.Kernels.Gpu;

namespace Tessera.Kernels.OpenCL;

internal sealed partial class OpenClBackend
{
    public void Gemm(bool transposeA, bool transposeB, double alpha, IDeviceBuffer a, IDeviceBuffer b, double beta, IDeviceBuffer c)
    {
        var (m, n, k) = BackendChecks.Gemm(transposeA, transposeB, a, b, c);
        var (ba, bb, bc) = (OnDevice(a, nameof(a)), OnDevice(b, nameof(b)), OnDevice(c, nameof(c)));
        if (m == 0 || n == 0)
        {
            return;
        }
        var dtype = c.DType;
        var program = Program(() => GemmKernel.Generate(dtype, GpuDialect.OpenCL), GemmKernel.StructureOf(dtype, GpuDialect.OpenCL));
        var kernel = program.Kernel(GemmKernel.EntryPoint);
        const int tile = GemmKernel.Tile;
        lock (program.Gate)
        {
            var args = new OpenClArguments(kernel);
            args.Buffer(bc.Memory);
            args.Buffer(ba.Memory);
            args.Buffer(bb.Memory);
            args.Int(m);
            args.Int(n);
            // BLAS: with alpha = 0 the product is not formed, so A and B are never read.
            args.Int(alpha == 0 ? 0 : k);
            args.Int(a.Shape[1]);
            args.Int(b.Shape[1]);
            args.Int(n);
            args.Int(transposeA ? 1 : 0);
            args.Int(transposeB ? 1 : 0);
            args.Scalar(Expressions.Scalar.Float64(alpha).CastTo(dtype));
            args.Scalar(Expressions.Scalar.Float64(beta).CastTo(dtype));
            Launch(kernel, 2, [RoundUp(n, tile), RoundUp(m, tile)], [tile, tile]);
        }
        GC.KeepAlive(ba);
        GC.KeepAlive(bb);
        GC.KeepAlive(bc);
    }
}
