namespace Tessera.Kernels.Cpu.Fused;

/// <summary>Where one expression node's values for the current tile live.</summary>
internal abstract class Slot
{
    public abstract DType DType { get; }

    /// <summary>The slot's own tile buffer (shared with other slots whose lifetimes do not overlap).</summary>
    public abstract Array Own { get; }
}

/// <summary>
/// A node's tile of values. Normally the node's own tile-sized array; an input read in place
/// points into the input buffer (no copy), and the root writes straight into the output.
/// </summary>
internal sealed class Slot<T> : Slot
{
    private readonly T[] _own;
    private T[]? _target;
    private int _targetOffset;

    public Slot(T[] own)
    {
        _own = own;
        Data = _own;
    }

    public override DType DType => DTypes.Of<T>();

    public override Array Own => _own;

    /// <summary>The array the current tile's values are in.</summary>
    public T[] Data { get; private set; }

    /// <summary>Where in <see cref="Data"/> the current tile starts.</summary>
    public int Offset { get; private set; }

    public bool HasTarget => _target is not null;

    public ReadOnlySpan<T> Read(int count) => new(Data, Offset, count);

    /// <summary>Makes the slot's values the tile at <paramref name="offset"/> of <paramref name="array"/>, without copying.</summary>
    public void Alias(T[] array, int offset)
    {
        Data = array;
        Offset = offset;
    }

    /// <summary>Directs the next <see cref="Write"/> into an output array (the root node only).</summary>
    public void SetTarget(T[] array, int offset)
    {
        _target = array;
        _targetOffset = offset;
    }

    public Span<T> Write(int count)
    {
        if (_target is not null)
        {
            Data = _target;
            Offset = _targetOffset;
        }
        else
        {
            Data = _own;
            Offset = 0;
        }
        return new Span<T>(Data, Offset, count);
    }
}
