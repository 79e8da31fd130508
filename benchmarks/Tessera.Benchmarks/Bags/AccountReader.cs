using System.Text.Json;

namespace Tessera.Benchmarks.Bags;

/// <summary>
/// A hand-written Utf8JsonReader parser of accounts records, for <c>Bag.ReadJson(paths, reader)</c>:
/// the same full records as the source-generated path, without the serializer's generality
/// (property lookup by name, converters). Names are interned from a small table, so the 26
/// distinct names cost no string each.
/// </summary>
internal static class AccountReader
{
    private static readonly string[] Names = AccountFiles.Names;

    public static BenchAccount Read(ref Utf8JsonReader reader)
    {
        long id = 0;
        var name = "";
        var transactions = new List<BenchTransaction>();
        Expect(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                name = Intern(ref reader);
            }
            else if (reader.ValueTextEquals("transactions"u8))
            {
                Expect(ref reader, JsonTokenType.StartArray);
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    long transaction = 0, amount = 0;
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var isAmount = reader.ValueTextEquals("amount"u8);
                        reader.Read();
                        if (isAmount)
                        {
                            amount = reader.GetInt64();
                        }
                        else
                        {
                            transaction = reader.GetInt64();
                        }
                    }
                    transactions.Add(new BenchTransaction(transaction, amount));
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return new BenchAccount(id, name, transactions);
    }

    private static string Intern(ref Utf8JsonReader reader)
    {
        foreach (var known in Names)
        {
            if (reader.ValueTextEquals(known))
            {
                return known;
            }
        }
        return reader.GetString()!;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new JsonException($"Expected {type} at byte {reader.TokenStartIndex}, found {reader.TokenType}.");
        }
    }
}
