namespace Tessera.Kernels.Cuda;

/// <summary>
/// Lists CUDA devices for <see cref="DeviceCatalog"/>. Quiet by design: with no driver, no GPU or
/// a broken installation it lists nothing and never throws; the reason is kept in
/// <see cref="CudaDriver.Unavailable"/> for the error a user gets when asking for cuda:N.
/// </summary>
internal static class CudaProbe
{
    private static readonly Lazy<IReadOnlyList<DeviceInfo>> Found = new(List);

    /// <summary>The CUDA devices, probed once per process (a driver does not appear while running).</summary>
    public static IEnumerable<DeviceInfo> Devices() => Found.Value;

    private static IReadOnlyList<DeviceInfo> List()
    {
        try
        {
            var devices = new List<DeviceInfo>();
            for (var i = 0; i < CudaDeviceProperties.Count(); i++)
            {
                var p = CudaDeviceProperties.Read(i);
                devices.Add(new DeviceInfo(Device.Cuda(i), p.Name, p.TotalMemoryBytes, IsGpu: true));
            }
            return devices;
        }
#pragma warning disable CA1031 // A broken driver must never stop the other devices from being listed.
        catch (Exception)
#pragma warning restore CA1031
        {
            return [];
        }
    }
}
