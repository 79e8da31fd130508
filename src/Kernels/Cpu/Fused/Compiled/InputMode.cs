namespace Tessera.Kernels.Cpu.Fused.Compiled;

/// <summary>How an input buffer is read in output order; part of a compiled kernel's cache key.</summary>
internal enum InputMode : byte
{
    /// <summary>Not read by the expression.</summary>
    Unused = (byte)'-',

    /// <summary>Element i of the output reads element i of the input's window.</summary>
    Contiguous = (byte)'c',

    /// <summary>One element broadcast to every output element (read as a scalar).</summary>
    Splat = (byte)'s',

    /// <summary>Any other broadcast or strided read: gathered a tile at a time, then read as contiguous.</summary>
    Strided = (byte)'g',
}
