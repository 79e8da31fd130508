namespace Tessera.Kernels.Backends;

/// <summary>
/// A dense, row-major n-dimensional block of elements living on one device. Kernels read
/// size-1 axes as broadcast (stride 0), so a buffer is never expanded by copying.
/// </summary>
internal interface IDeviceBuffer : IHasByteSize, IDisposable
{
    Device Device { get; }

    DType DType { get; }

    /// <summary>The extent of each axis; empty for a 0-d (scalar) buffer.</summary>
    IReadOnlyList<int> Shape { get; }

    /// <summary>The number of elements (the product of <see cref="Shape"/>).</summary>
    long Length { get; }
}
