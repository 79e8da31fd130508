namespace Tessera.Arrays;

public sealed partial class ChunkGrid
{
    /// <inheritdoc />
    public bool Equals(ChunkGrid? other) =>
        other is not null && Rank == other.Rank
        && _chunks.Zip(other._chunks).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ChunkGrid);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var axis in _chunks)
        {
            hash.Add(axis.Length);
            foreach (var size in axis)
            {
                hash.Add(size);
            }
        }
        return hash.ToHashCode();
    }

    /// <summary>Dask's notation: <c>((3, 3, 1), (5,))</c>; unknown sizes are <c>nan</c>, as dask prints them.</summary>
    public override string ToString() =>
        "(" + string.Join(", ", _chunks.Select(c => "(" + string.Join(", ", c.Select(SizeText)) + (c.Length == 1 ? ",)" : ")"))) +
        (Rank == 1 ? ",)" : ")");
}
