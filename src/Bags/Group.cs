using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tessera.Bags;

/// <summary>One group of <see cref="Bag{T}.GroupBy{TKey}(Func{T, TKey}, int?)"/>: a key and its elements, in bag order.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TElement">The element type.</typeparam>
[JsonConverter(typeof(GroupJsonConverterFactory))]
public sealed class Group<TKey, TElement> : IGrouping<TKey, TElement>
{
    /// <summary>A group of <paramref name="values"/> under <paramref name="key"/>.</summary>
    public Group(TKey key, IReadOnlyList<TElement> values)
    {
        Key = key;
        Values = values;
    }

    /// <inheritdoc />
    public TKey Key { get; }

    /// <summary>The group's elements, in the order the bag holds them.</summary>
    public IReadOnlyList<TElement> Values { get; }

    /// <inheritdoc />
    public IEnumerator<TElement> GetEnumerator() => Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => $"{Key}: {Values.Count} elements";
}

/// <summary>
/// Writes a group as {"Key": …, "Values": […]}: a group is enumerable, so without this System.Text.Json
/// would write only its elements, and a spilled GroupBy partition would come back without keys.
/// </summary>
internal sealed class GroupJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Group<,>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(GroupJsonConverter<,>).MakeGenericType(typeToConvert.GetGenericArguments()))!;
}

internal sealed class GroupJsonConverter<TKey, TElement> : JsonConverter<Group<TKey, TElement>>
{
    public override Group<TKey, TElement> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        TKey key = default!;
        List<TElement> values = [];
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A group is written as an object {\"Key\": …, \"Values\": […]}.");
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (name == "Key")
            {
                key = JsonSerializer.Deserialize<TKey>(ref reader, options)!;
            }
            else if (name == "Values")
            {
                values = JsonSerializer.Deserialize<List<TElement>>(ref reader, options) ?? [];
            }
            else
            {
                reader.Skip();
            }
        }
        return new Group<TKey, TElement>(key, values);
    }

    public override void Write(Utf8JsonWriter writer, Group<TKey, TElement> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("Key");
        JsonSerializer.Serialize(writer, value.Key, options);
        writer.WritePropertyName("Values");
        JsonSerializer.Serialize(writer, value.Values, options);
        writer.WriteEndObject();
    }
}
