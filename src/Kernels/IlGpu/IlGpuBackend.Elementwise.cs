using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.IlGpu.Expressions;

namespace Tessera.Kernels.IlGpu;

internal sealed partial class IlGpuBackend
{
    public void Elementwise(Expr expression, IReadOnlyList<IDeviceBuffer> inputs, IDeviceBuffer output)
    {
        BackendChecks.Elementwise(expression, inputs, output);
        var target = Own(output, nameof(output));
        var sources = new IlGpuBuffer[inputs.Count];
        for (var i = 0; i < sources.Length; i++)
        {
            sources[i] = Own(inputs[i], $"inputs[{i}]");
        }
        // Lowering checks every input broadcasts to the output, so a bad call fails even when
        // the output is empty and nothing is launched.
        using var lowered = DeviceExprs.Build(expression, sources, [.. target.Shape]);
        if (target.Length == 0)
        {
            return;
        }
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var kernel = Kernels.GetOrCompile(lowered.StructType,
                accelerator => ElementwiseKernel.Compile(accelerator, lowered.ElementType, lowered.StructType));
            kernel.Launch(Accelerator.DefaultStream, lowered.Instance, target);
        }
    }
}
