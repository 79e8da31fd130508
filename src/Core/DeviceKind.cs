namespace Tessera;

/// <summary>The kind of compute backend a <see cref="Device"/> names.</summary>
public enum DeviceKind
{
    /// <summary>The host CPU (SIMD through System.Numerics.Tensors). Always present.</summary>
    Cpu,

    /// <summary>An OpenCL device ILGPU supports (OpenCL 2.0 with generic address space, e.g. AMD ROCm, Intel NEO), through ILGPU's OpenCL accelerator.</summary>
    OpenCL,

    /// <summary>An NVIDIA GPU through ILGPU's CUDA accelerator (needs the NVIDIA driver only; ILGPU emits PTX itself).</summary>
    Cuda,

    /// <summary>
    /// ILGPU's CPU accelerator: it runs the GPU kernels on the host thread by thread, as an
    /// emulator. For tests of the GPU code without a GPU (<c>ilgpu-cpu</c>); never chosen by default.
    /// </summary>
    IlGpuCpu,
}
