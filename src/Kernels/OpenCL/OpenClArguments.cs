using Tessera.Kernels.Expressions;
using static Tessera.Kernels.OpenCL.Native.OpenClNative;

namespace Tessera.Kernels.OpenCL;

/// <summary>Sets a kernel's arguments left to right, each call checked and naming its position.</summary>
internal unsafe struct OpenClArguments(nint kernel)
{
    private uint _index;

    public void Buffer(nint memory) => Set(&memory, (nuint)sizeof(nint));

    public void Long(long value) => Set(&value, sizeof(long));

    public void Int(int value) => Set(&value, sizeof(int));

    /// <summary>A constant by value in its own type (bool as one byte).</summary>
    public void Scalar(Scalar value)
    {
        switch (value.DType)
        {
            case DType.Float32: { var v = value.As<float>(); Set(&v, sizeof(float)); break; }
            case DType.Float64: { var v = value.As<double>(); Set(&v, sizeof(double)); break; }
            case DType.Int32: { var v = value.As<int>(); Set(&v, sizeof(int)); break; }
            case DType.Int64: { var v = value.As<long>(); Set(&v, sizeof(long)); break; }
            default: { var v = (byte)(value.As<bool>() ? 1 : 0); Set(&v, sizeof(byte)); break; }
        }
    }

    private void Set(void* value, nuint size)
    {
        OpenClException.ThrowIfFailed(clSetKernelArg(kernel, _index, size, value), $"clSetKernelArg(#{_index})");
        _index++;
    }
}
