using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Tessera.IO.Hdf5;

/// <summary>
/// The members of a compound dataset read as columns, in the stored member order: one array
/// per member with one row per selected element. Numbers read as arrays of the matching CLR
/// type (enums as their integer codes), fixed- and variable-length strings as <c>string[]</c>,
/// array members as rectangular arrays (<c>double[rows, n]</c>, <c>string[rows, n]</c>), object
/// references as <see cref="Hdf5ObjectReference"/>[]; members of a nested compound are
/// named "outer.inner".
/// </summary>
public sealed class Hdf5Columns : IReadOnlyDictionary<string, Array>
{
    private readonly List<KeyValuePair<string, Array>> _columns;
    private readonly Dictionary<string, Array> _byName;
    private readonly Dictionary<string, IReadOnlyDictionary<long, string>> _enums;

    internal Hdf5Columns(List<KeyValuePair<string, Array>> columns, long rowCount, Dictionary<string, IReadOnlyDictionary<long, string>> enums)
    {
        _columns = columns;
        _byName = columns.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        _enums = enums;
        RowCount = rowCount;
    }

    /// <summary>Rows (selected elements) in every column.</summary>
    public long RowCount { get; }

    /// <summary>Column names in stored member order.</summary>
    public IEnumerable<string> Keys => _columns.Select(c => c.Key);

    /// <summary>The columns in stored member order.</summary>
    public IEnumerable<Array> Values => _columns.Select(c => c.Value);

    /// <summary>Number of columns.</summary>
    public int Count => _columns.Count;

    /// <summary>The column named <paramref name="key"/>.</summary>
    public Array this[string key] => _byName.TryGetValue(key, out var v) ? v
        : throw new KeyNotFoundException($"No member \"{key}\"; the members are {string.Join(", ", Keys)}.");

    /// <summary>The column named <paramref name="name"/> as <typeparamref name="T"/>[]; throws naming its actual type otherwise.</summary>
    public T[] Get<T>(string name) => this[name] as T[]
        ?? throw new InvalidCastException($"Member \"{name}\" reads as {this[name].GetType().Name}, not {typeof(T).Name}[].");

    /// <summary>For an enumeration member: its value-to-name map (codes are in the column itself).</summary>
    public IReadOnlyDictionary<long, string> EnumNames(string name) => _enums.TryGetValue(name, out var e) ? e
        : throw new KeyNotFoundException($"Member \"{name}\" is not an enumeration.");

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _byName.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out Array value) => _byName.TryGetValue(key, out value);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, Array>> GetEnumerator() => _columns.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
