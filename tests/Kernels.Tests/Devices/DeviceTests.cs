using Tessera.Kernels.Backends;

namespace Tessera.Kernels.Tests.Devices;

public class DeviceTests
{
    [Theory]
    [InlineData("cpu", DeviceKind.Cpu, 0)]
    [InlineData(" CUDA ", DeviceKind.Cuda, 0)]
    [InlineData("cuda:1", DeviceKind.Cuda, 1)]
    [InlineData("opencl:2", DeviceKind.OpenCL, 2)]
    [InlineData("OpenCL", DeviceKind.OpenCL, 0)]
    public void Parse_ValidName_GivesKindAndIndex(string text, DeviceKind kind, int index)
    {
        var device = Device.Parse(text);
        Assert.Equal(kind, device.Kind);
        Assert.Equal(index, device.Index);
        Assert.Equal(device, Device.Parse(device.ToString()));
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cpu:1")]
    [InlineData("opencl:x")]
    public void Parse_BadName_ThrowsListingValidNames(string text)
    {
        var error = Assert.Throws<FormatException>(() => Device.Parse(text));
        Assert.Contains("'cuda:N'", error.Message);
    }

    [Fact]
    public void Devices_WithSameKindAndIndex_AreEqual()
    {
        Assert.Equal(Device.Cuda(1), Device.Cuda(1));
        Assert.NotEqual(Device.Cuda(0), Device.OpenCL(0));
        Assert.Equal(Device.Cuda(), Device.Cuda(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Device.OpenCL(-1));
    }

    [Fact]
    public void Available_AlwaysListsTheCpuWithMemory()
    {
        var cpu = Assert.Single(Device.Available, d => d.Kind == DeviceKind.Cpu);
        Assert.Equal(Device.Cpu, cpu.Device);
        Assert.True(cpu.MemoryBytes > 0);
        Assert.False(string.IsNullOrWhiteSpace(cpu.Name));
    }

    [Fact]
    public void Default_FollowsEnvironmentVariable_AndRejectsBadValues()
    {
        var saved = Environment.GetEnvironmentVariable(Device.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(Device.EnvironmentVariable, null);
            Assert.Equal(Device.Available[0].Device, Device.Default);
            Environment.SetEnvironmentVariable(Device.EnvironmentVariable, "opencl:1");
            Assert.Equal(Device.OpenCL(1), Device.Default);
            Environment.SetEnvironmentVariable(Device.EnvironmentVariable, "tpu");
            var error = Assert.Throws<FormatException>(() => Device.Default);
            Assert.Contains(Device.EnvironmentVariable, error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Device.EnvironmentVariable, saved);
        }
    }

    [Fact]
    public void ComputeOptions_DeviceDefaultsToNull()
    {
        Assert.Null(ComputeOptions.Default.Device);
        Assert.Equal(Device.Cuda(0), new ComputeOptions { Device = Device.Cuda(0) }.Device);
    }

    [Fact]
    public void Backend_ForEachKind_IsThatDevicesBackend_WhenListed_ElseSaysWhy()
    {
        Assert.Equal(Device.Cpu, ComputeBackends.For(Device.Cpu).Device);
        foreach (var device in (Device[])[Device.Cuda(0), Device.OpenCL(0)])
        {
            if (Device.Available.Any(d => d.Device == device))
            {
                Assert.Equal(device, ComputeBackends.For(device).Device);
            }
            else
            {
                Assert.NotEmpty(Assert.Throws<NotSupportedException>(() => ComputeBackends.For(device)).Message);
            }
        }
    }

    [Theory]
    [InlineData(typeof(float), DType.Float32, 4)]
    [InlineData(typeof(double), DType.Float64, 8)]
    [InlineData(typeof(int), DType.Int32, 4)]
    [InlineData(typeof(long), DType.Int64, 8)]
    [InlineData(typeof(bool), DType.Bool, 1)]
    public void DType_MapsClrTypesAndSizes(Type type, DType dtype, int size)
    {
        Assert.Equal(dtype, DTypes.FromClrType(type));
        Assert.Equal(type, dtype.ClrType());
        Assert.Equal(size, dtype.Size());
    }

    [Fact]
    public void DType_OfUnsupportedType_ThrowsNamingSupportedTypes()
    {
        var error = Assert.Throws<NotSupportedException>(() => DTypes.Of<decimal>());
        Assert.Contains("float, double, Half, int, long, short, sbyte, uint, ulong, ushort, byte or bool", error.Message);
    }
}
