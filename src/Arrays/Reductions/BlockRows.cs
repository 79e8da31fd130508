using Tessera.Kernels.Cpu;

namespace Tessera.Arrays.Reductions;

/// <summary>
/// The rows (runs along the last axis) of a host block in row-major order, as spans: in place
/// for a contiguous block or a strided view whose last axis has unit stride (a column block of
/// an array in memory); copied into one reused row otherwise. A 0-d block is one row of one element.
/// </summary>
/// <remarks>Why: host scans (arg reductions) then read views of the user's array without a block-sized copy.</remarks>
internal readonly struct BlockRows<T>(CpuBuffer<T> block) where T : unmanaged
{
    private readonly int _length = block.Shape.Count == 0 ? 1 : block.Shape[^1];
    private readonly T[]? _row = block.Strides is { } s && s[^1] != 1 ? new T[block.Shape[^1]] : null;

    /// <summary>Rows in the block (0 when it is empty).</summary>
    public int Count => _length == 0 ? 0 : (int)(block.Length / _length);

    /// <summary>Row <paramref name="r"/>; a copied row is valid until the next call.</summary>
    public ReadOnlySpan<T> Get(int r)
    {
        if (block.Strides is not { } strides)
        {
            return block.Array.AsSpan(block.Offset + (r * _length), _length);
        }
        // The row's first element: r spelled out over the leading axes.
        var offset = (long)block.Offset;
        var rest = r;
        for (var d = block.Shape.Count - 2; d >= 0; d--)
        {
            offset += rest % block.Shape[d] * strides[d];
            rest /= block.Shape[d];
        }
        var step = strides[^1];
        if (_row is null)
        {
            return block.Array.AsSpan((int)offset, _length);
        }
        for (var i = 0; i < _length; i++)
        {
            _row[i] = block.Array[offset + (i * step)];
        }
        return _row;
    }
}
