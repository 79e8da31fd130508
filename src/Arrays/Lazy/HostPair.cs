using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;

namespace Tessera.Arrays.Lazy;

/// <summary>A per-block host routine on a source and a target block of the same element type.</summary>
internal interface IHostPairAction
{
    void Run<T>(CpuBuffer<T> source, CpuBuffer<T> target);
}

/// <summary>
/// The one place that turns two untyped host blocks into typed ones for a routine (copying
/// regions, transposing, gathering): the element-type switch lives here, not in each routine.
/// </summary>
internal static class HostPair
{
    // operation names what the routine does, for the error on a non-host block ("Rechunking").
    public static void Run<TAction>(IDeviceBuffer source, IDeviceBuffer target, TAction action, string operation)
        where TAction : IHostPairAction
    {
        if (target is not CpuBuffer)
        {
            throw new InvalidOperationException(
                $"{operation} writes host blocks, but its target is on {target.Device}: allocate it with CpuBuffer and move it with Residency.ToBackend.");
        }
        switch (Residency.ToHost(source))
        {
            case CpuBuffer<float> s: action.Run(s, (CpuBuffer<float>)target); break;
            case CpuBuffer<double> s: action.Run(s, (CpuBuffer<double>)target); break;
            case CpuBuffer<int> s: action.Run(s, (CpuBuffer<int>)target); break;
            case CpuBuffer<long> s: action.Run(s, (CpuBuffer<long>)target); break;
            case CpuBuffer<bool> s: action.Run(s, (CpuBuffer<bool>)target); break;
            default:
                throw new NotSupportedException($"{operation} {source.DType} blocks is not supported.");
        }
    }
}
