using ILGPU;
using ILGPU.Runtime;
using Tessera.Kernels.Backends;
using Tessera.Kernels.IlGpu.Copies;

namespace Tessera.Kernels.IlGpu;

// Block copies on the device (rechunk pieces, transposes, gathers, reshapes), so blocks stay on
// the accelerator between steps instead of making a round trip through the host.
internal sealed partial class IlGpuBackend
{
    private readonly Dictionary<Type, Delegate> _copyKernels = [];

    public void CopyRegion(IDeviceBuffer source, ReadOnlySpan<int> sourceStart, IDeviceBuffer destination,
        ReadOnlySpan<int> destinationStart, ReadOnlySpan<int> extent)
    {
        CopyChecks.Region(source, sourceStart, destination, destinationStart, extent);
        Copy(source, destination, StridedCopyTable.Region(source.Shape, sourceStart, destination.Shape, destinationStart, extent));
    }

    public void Permute(IDeviceBuffer source, IDeviceBuffer destination, ReadOnlySpan<int> axes)
    {
        CopyChecks.Permute(source, destination, axes);
        Copy(source, destination, StridedCopyTable.Permute(source.Shape, destination.Shape, axes));
    }

    public void Gather(IDeviceBuffer source, IReadOnlyList<AxisPositions> picks, IDeviceBuffer destination,
        IReadOnlyList<AxisPositions> places)
    {
        CopyChecks.Gather(source, picks, destination, places);
        Copy(source, destination, StridedCopyTable.Gather(source.Shape, picks, destination.Shape, places));
    }

    /// <summary>A new buffer with the same elements under <paramref name="shape"/>: a device-to-device copy (buffers own their memory, so no views).</summary>
    public IDeviceBuffer Reshape(IDeviceBuffer source, ReadOnlySpan<int> shape)
    {
        CopyChecks.Reshape(source, shape);
        var from = Own(source, nameof(source));
        var result = (IlGpuBuffer)Allocate(source.DType, shape);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (from.Length > 0)
            {
                from.Memory.AsRawArrayView().CopyTo(Accelerator.DefaultStream, result.Memory.AsRawArrayView());
            }
        }
        return result;
    }

    private void Copy(IDeviceBuffer source, IDeviceBuffer destination, StridedCopyTable table)
    {
        var (from, to) = (Own(source, nameof(source)), Own(destination, nameof(destination)));
        if (ReferenceEquals(from, to))
        {
            throw new ArgumentException($"{source} is both the source and the destination of a block copy; copy into another buffer.", nameof(destination));
        }
        if (table.Count == 0)
        {
            return;
        }
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            switch (source.DType)
            {
                case DType.Float32: Launch<float>(from, to, table); break;
                case DType.Float64: Launch<double>(from, to, table); break;
                case DType.Int32: Launch<int>(from, to, table); break;
                case DType.Int64: Launch<long>(from, to, table); break;
                case DType.Bool: Launch<byte>(from, to, table); break;
                default: throw new NotSupportedException($"{Device} cannot copy {source.DType} blocks.");
            }
        }
    }

    // Call with the lock held.
    private void Launch<T>(IlGpuBuffer from, IlGpuBuffer to, StridedCopyTable table) where T : unmanaged
    {
        if (!_copyKernels.TryGetValue(typeof(T), out var kernel))
        {
            kernel = IlGpuRuntime.Compiling(() => Accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<int>, int>(StridedCopyKernel.Run));
            _copyKernels[typeof(T)] = kernel;
        }
        var launch = (Action<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<int>, int>)kernel;
        // The table is a few ints per axis (plus any explicit positions); it is freed once the copy has
        // run, which the wait below guarantees on every accelerator type.
        using var rows = Accelerator.Allocate1D(table.ToArray());
        launch(checked((int)table.Count), from.View<T>(), to.View<T>(), rows.View, table.Rank);
        Accelerator.DefaultStream.Synchronize();
    }
}
