namespace Tessera;

/// <summary>Why a backend's devices are absent from <see cref="Device.Available"/>.</summary>
public enum DeviceAbsenceReason
{
    /// <summary>The driver or its library is not installed (e.g. no libcuda, no libOpenCL.so, no OpenCL platform).</summary>
    NoDriver,

    /// <summary>The driver lists the device but the backend cannot run on it (the detail names the missing capability).</summary>
    UnsupportedDevice,

    /// <summary>Probing threw; the detail is the exception's type and message.</summary>
    ProbeFailed,
}

/// <summary>
/// A backend, or one device of it, that is not listed, and why: so "why is this running on the
/// CPU?" has an answer in <see cref="Device.Available"/>'s description.
/// </summary>
/// <param name="Backend">The backend, e.g. <c>CUDA</c>, <c>OpenCL</c>, or a device of it such as <c>OpenCL 'pthread-x86' (Portable Computing Language)</c>.</param>
/// <param name="Reason">The kind of absence.</param>
/// <param name="Detail">What was found and, where there is one, the fix (e.g. which package to install).</param>
public sealed record DeviceAbsence(string Backend, DeviceAbsenceReason Reason, string Detail)
{
    /// <summary>One line, e.g. <c>CUDA: no driver: libcuda could not be loaded; install the NVIDIA driver</c>.</summary>
    public override string ToString() => $"{Backend}: {ReasonText(Reason)}: {Detail}";

    private static string ReasonText(DeviceAbsenceReason reason) => reason switch
    {
        DeviceAbsenceReason.NoDriver => "no driver",
        DeviceAbsenceReason.UnsupportedDevice => "unsupported device",
        _ => "probe failed",
    };
}
