using System.Runtime.CompilerServices;

namespace Tessera.Kernels.Cpu.Fused.Compiled;

/// <summary>
/// What a compiled kernel reads: the address of each contiguous input (indexed by input slot)
/// and each scalar (indexed by constant slot), held as one element so that every vector width
/// broadcasts it alike. Node structs index these with type-level slot numbers, so after
/// inlining every access is a fixed offset.
/// </summary>
internal struct VectorFrame<T>
    where T : unmanaged
{
    /// <summary>The most distinct contiguous inputs one compiled kernel reads.</summary>
    public const int MaxInputs = 8;

    /// <summary>The most scalars (constants and broadcast one-element inputs) one compiled kernel reads.</summary>
    public const int MaxConstants = 16;

    /// <summary>Element 0 of each input's window (pinned for the kernel's run).</summary>
    public InputAddresses Inputs;

    public ConstantValues<T> Constants;

    /// <summary>
    /// Set by a transcendental node evaluated in <see cref="FastMode"/> that saw a
    /// lane outside its vector kernel's range: the vector is then recomputed exactly.
    /// </summary>
    public bool NeedsExact;
}

[InlineArray(VectorFrame<double>.MaxInputs)]
internal struct InputAddresses
{
    private nint _element;
}

[InlineArray(VectorFrame<double>.MaxConstants)]
internal struct ConstantValues<T>
    where T : unmanaged
{
    private T _element;
}
