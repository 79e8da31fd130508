using Tessera.DataFrames.Hashing;

namespace Tessera.DataFrames.Joins;

/// <summary>
/// The broadcast side of a hash join, built once: its rows gathered into one frame, a key table,
/// and for each key the chain of rows holding it (in row order).
/// </summary>
internal sealed class BuildSide
{
    private readonly int[] _first;
    private readonly int[] _next;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public BuildSide(Frame frame, string[] keys)
    {
        Frame = frame;
        Table = new KeyTable();
        var encoder = new RowKeys([.. keys.Select(k => frame.Column(frame.IndexOf(k)))]);
        var ids = new int[frame.RowCount];
        for (var r = 0; r < ids.Length; r++)
        {
            // pandas matches null keys with null keys, so nulls are ordinary key values here.
            ids[r] = Table.GetOrAdd(encoder.Encode(r, out _));
        }
        _first = new int[Table.Count];
        Array.Fill(_first, -1);
        _next = new int[ids.Length];
        var last = new int[Table.Count];
        for (var r = 0; r < ids.Length; r++)
        {
            _next[r] = -1;
            var g = ids[r];
            if (_first[g] < 0)
            {
                _first[g] = r;
            }
            else
            {
                _next[last[g]] = r;
            }
            last[g] = r;
        }
    }

    public Frame Frame { get; }

    public KeyTable Table { get; }

    /// <summary>The first row with key id <paramref name="id"/>.</summary>
    public int First(int id) => _first[id];

    /// <summary>The row after <paramref name="row"/> with the same key, or -1.</summary>
    public int Next(int row) => _next[row];
}
