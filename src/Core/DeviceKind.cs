namespace Tessera;

/// <summary>The kind of compute backend a <see cref="Device"/> names.</summary>
public enum DeviceKind
{
    /// <summary>The host CPU (SIMD through System.Numerics.Tensors). Always present.</summary>
    Cpu,

    /// <summary>An OpenCL device (a GPU, or PoCL on the CPU in CI).</summary>
    OpenCL,

    /// <summary>An NVIDIA GPU through the CUDA driver API.</summary>
    Cuda,

    /// <summary>
    /// ILGPU's CPU accelerator: it runs the GPU kernels on the host thread by thread, as an
    /// emulator. For tests of the GPU code without a GPU (<c>ilgpu-cpu</c>); never chosen by default.
    /// </summary>
    IlGpuCpu,
}
