namespace Tessera;

/// <summary>
/// A task result held in accelerator memory (a CUDA or OpenCL buffer). When a device's budget
/// (<see cref="ComputeOptions.DeviceMemoryLimit"/>) is exceeded, the scheduler copies the least
/// recently used such results to host memory (<see cref="CopyToHost"/>), puts the copy in their
/// place and only then frees the device memory (<see cref="IDisposable.Dispose"/>). A task that
/// reads a moved result gets it back on the device first (<see cref="CopyToDevice"/>), so tasks
/// see what they would see without a limit.
/// </summary>
/// <remarks>
/// Copying and freeing are separate calls, not one "move", because the copy runs outside the
/// scheduler's lock while other tasks may start reading the same result: the scheduler frees the
/// device memory only once it has swapped the copy in and no running task reads the original.
/// The scheduler never frees results it does not own: constants, graph literals, results a task
/// passed through from its arguments, and the results a caller asked for.
/// </remarks>
public interface IDeviceResident : IHasByteSize, IDisposable
{
    /// <summary>The device whose memory holds this result.</summary>
    Device Device { get; }

    /// <summary>
    /// A new host-memory copy of this result, equal element for element. This result stays valid
    /// (it is not freed here). The copy may itself spill to disk and come back before
    /// <see cref="CopyToDevice"/> reads it.
    /// </summary>
    ISpillable CopyToHost();

    /// <summary>
    /// A new result on <see cref="Device"/> holding <paramref name="hostCopy"/>, a value
    /// <see cref="CopyToHost"/> returned. It uses only the device, not this result's memory, so it
    /// may be called after this result was disposed.
    /// </summary>
    IDeviceResident CopyToDevice(ISpillable hostCopy);
}
