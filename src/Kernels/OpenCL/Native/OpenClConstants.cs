namespace Tessera.Kernels.OpenCL.Native;

/// <summary>The cl.h constants the backend uses (values from the OpenCL 1.2 headers).</summary>
internal static class OpenClConstants
{
    public const ulong DeviceTypeGpu = 1 << 2;
    public const ulong DeviceTypeAll = 0xFFFFFFFF;

    public const uint PlatformVersion = 0x0901;
    public const uint PlatformName = 0x0902;

    public const uint DeviceType = 0x1000;
    public const uint DeviceMaxComputeUnits = 0x1002;
    public const uint DeviceMaxWorkGroupSize = 0x1004;
    public const uint DeviceGlobalMemSize = 0x101F;
    public const uint DeviceName = 0x102B;
    public const uint DeviceVendor = 0x102C;
    public const uint DriverVersion = 0x102D;
    public const uint DeviceVersion = 0x102F;
    public const uint DeviceExtensions = 0x1030;

    public const ulong MemReadWrite = 1 << 0;
    public const ulong MemReadOnly = 1 << 2;
    public const ulong MemCopyHostPointer = 1 << 5;

    public const uint ProgramBinarySizes = 0x1165;
    public const uint ProgramBinaries = 0x1166;
    public const uint ProgramBuildLog = 0x1183;
}
