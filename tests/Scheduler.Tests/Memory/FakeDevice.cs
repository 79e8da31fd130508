using System.Collections.Concurrent;

namespace Tessera.Scheduler.Tests.Memory;

/// <summary>
/// A pretend accelerator for device-tier tests: its blocks hold bytes in managed memory, know
/// whether they were freed, and refuse to be read afterwards, so a test sees any result the
/// scheduler freed while something still used it. It is named cuda:7, a device no machine lists,
/// so tests must give <see cref="ComputeOptions.DeviceMemoryLimit"/>.
/// </summary>
internal sealed class FakeDevice
{
    public static Device Id { get; } = Device.Cuda(7);

    /// <summary>Labels of the blocks freed, in the order they were freed.</summary>
    public ConcurrentQueue<string> Freed { get; } = new();

    /// <summary>Blocks made by uploading a host copy back.</summary>
    public int Uploads => Volatile.Read(ref _uploads);

    /// <summary>When set, CopyToHost throws it (a device that fails mid-copy).</summary>
    public Exception? FailCopies { get; set; }

    private int _uploads;

    /// <summary>A block of <paramref name="bytes"/> random bytes from <paramref name="seed"/>.</summary>
    public FakeDeviceBlock Block(int seed, int bytes) => new(this, TestBlock.Random(seed, bytes).Data, $"block-{seed}");

    public FakeDeviceBlock Upload(TestBlock host, string label)
    {
        Interlocked.Increment(ref _uploads);
        return new FakeDeviceBlock(this, [.. host.Data], label);
    }
}

/// <summary>A result in <see cref="FakeDevice"/> memory.</summary>
internal sealed class FakeDeviceBlock(FakeDevice device, byte[] data, string label) : IDeviceResident
{
    private int _freed;

    public string Label { get; } = label;

    public bool IsFreed => Volatile.Read(ref _freed) != 0;

    /// <summary>The bytes; throws once freed, as reading released device memory would fail.</summary>
    public byte[] Data => !IsFreed ? data : throw new ObjectDisposedException(Label, $"{Label} was read after the scheduler freed it.");

    public Device Device => FakeDevice.Id;

    public long ByteSize => data.Length;

    public ISpillable CopyToHost() => device.FailCopies is { } failure ? throw failure : new TestBlock([.. Data]);

    public IDeviceResident CopyToDevice(ISpillable hostCopy) => device.Upload((TestBlock)hostCopy, Label + "-upload");

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _freed, 1) == 0)
        {
            device.Freed.Enqueue(Label);
        }
    }
}
