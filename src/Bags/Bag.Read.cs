using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Tessera.Bags.Plan;
using Tessera.IO.Text;

namespace Tessera.Bags;

/// <summary>Reads one element from a reader over one JSON line (see <see cref="Bag.ReadJson{T}(IEnumerable{string}, Utf8JsonLineReader{T}, long?)"/>).</summary>
/// <typeparam name="T">The element type.</typeparam>
public delegate T Utf8JsonLineReader<T>(ref Utf8JsonReader reader);

public static partial class Bag
{
    /// <summary>
    /// The lines of the files <paramref name="paths"/> names (a path or a glob such as
    /// "data/*.json.gz"), without their line endings. Files ending in .gz or .zst are
    /// decompressed and are one partition each; a plain file is one partition, or one per
    /// <paramref name="blockSize"/> bytes (lines are never split).
    /// </summary>
    public static Bag<string> ReadText(string paths, long? blockSize = null) => ReadText([paths], blockSize);

    /// <summary>The lines of every file of <paramref name="paths"/> (paths or globs), in order.</summary>
    public static Bag<string> ReadText(IEnumerable<string> paths, long? blockSize = null) =>
        Read("read-text", paths, blockSize, static line => Encoding.UTF8.GetString(line), skipBlank: false, format: null);

    /// <summary>
    /// One <typeparamref name="T"/> per line of JSON-lines files (blank lines skipped), read with
    /// System.Text.Json straight from the bytes. <paramref name="options"/> default to
    /// <see cref="JsonSerializerOptions.Web"/> (camelCase names, case-insensitive).
    /// Files and blocks as <see cref="ReadText(string, long?)"/>.
    /// </summary>
    public static Bag<T> ReadJson<T>(string paths, JsonSerializerOptions? options = null, long? blockSize = null) =>
        ReadJson<T>([paths], options, blockSize);

    /// <summary>One <typeparamref name="T"/> per line of the files of <paramref name="paths"/>.</summary>
    public static Bag<T> ReadJson<T>(IEnumerable<string> paths, JsonSerializerOptions? options = null, long? blockSize = null) =>
        ReadJson(paths, (JsonTypeInfo<T>)(options ?? JsonSerializerOptions.Web).GetTypeInfo(typeof(T)), blockSize);

    /// <summary>
    /// One <typeparamref name="T"/> per line, deserialised with <paramref name="typeInfo"/>: pass
    /// the type info of a source-generated <c>JsonSerializerContext</c> for the fastest reads.
    /// </summary>
    public static Bag<T> ReadJson<T>(string paths, JsonTypeInfo<T> typeInfo, long? blockSize = null) =>
        ReadJson([paths], typeInfo, blockSize);

    /// <summary>One <typeparamref name="T"/> per line of the files of <paramref name="paths"/>, with <paramref name="typeInfo"/>.</summary>
    public static Bag<T> ReadJson<T>(IEnumerable<string> paths, JsonTypeInfo<T> typeInfo, long? blockSize = null)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        typeInfo.Options.MakeReadOnly();
        return Read("read-json", paths, blockSize, line => JsonSerializer.Deserialize(line, typeInfo)!, skipBlank: true, typeInfo);
    }

    /// <summary>
    /// One <typeparamref name="T"/> per line, read by <paramref name="read"/> from a
    /// <see cref="Utf8JsonReader"/> over the line's bytes (positioned before the first token): the
    /// fastest way in when a hand-written reader can skip what it does not need.
    /// </summary>
    public static Bag<T> ReadJson<T>(IEnumerable<string> paths, Utf8JsonLineReader<T> read, long? blockSize = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        return Read("read-json", paths, blockSize, line =>
        {
            var reader = new Utf8JsonReader(line);
            return read(ref reader);
        }, skipBlank: true, read);
    }

    /// <summary>One <typeparamref name="T"/> per line of the files <paramref name="paths"/> names, read by <paramref name="read"/>.</summary>
    public static Bag<T> ReadJson<T>(string paths, Utf8JsonLineReader<T> read, long? blockSize = null) =>
        ReadJson([paths], read, blockSize);

    /// <summary>One <see cref="JsonElement"/> per line of JSON-lines files, for records of no fixed shape.</summary>
    public static Bag<JsonElement> ReadJson(string paths, long? blockSize = null) => ReadJson([paths], blockSize);

    /// <summary>One <see cref="JsonElement"/> per line of the files of <paramref name="paths"/>.</summary>
    public static Bag<JsonElement> ReadJson(IEnumerable<string> paths, long? blockSize = null) =>
        Read("read-json", paths, blockSize, static line => JsonSerializer.Deserialize<JsonElement>(line), skipBlank: true, format: "element");

    private static Bag<T> Read<T>(string kind, IEnumerable<string> paths, long? blockSize, LineParser<T> parse, bool skipBlank, object? format)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var blocks = TextFiles.Blocks(TextFiles.Expand(paths), blockSize);
        return new(new ReadNode<T>(kind, blocks, parse, skipBlank, format));
    }
}
