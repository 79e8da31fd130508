using Tessera.DataFrames;
using Tessera.ML.Preprocessing;

namespace Tessera.ML.Tests;

/// <summary>One-hot encoding of a DataFrame column (sorted categories, scikit-learn's feature names).</summary>
public sealed class OneHotEncoderTests
{
    private sealed record Account(long Id, string Names, double Amount);

    private static readonly string[] Names = ["Bob", "Alice", "Dan", "Alice", "Bob", "Alice", "Charlie"];

    private static DataFrame Accounts(string[] names) =>
        DataFrame.FromRecords(names.Select((n, i) => new Account(i, n, 10.0 * i)), partitions: 3);

    [Fact]
    public void FitTransform_ReplacesTheColumnByIndicators()
    {
        var encoder = new OneHotEncoder();
        var encoded = encoder.FitTransform(Accounts(Names), "Names").Compute();
        Assert.Equal(["Alice", "Bob", "Charlie", "Dan"], encoder.Categories!.Cast<string>());
        Assert.Equal(["Id", "Amount", "Names_Alice", "Names_Bob", "Names_Charlie", "Names_Dan"], encoded.Columns);
        for (var r = 0; r < Names.Length; r++)
        {
            foreach (var category in encoder.Categories!)
            {
                Assert.Equal(Names[r] == (string)category ? 1.0 : 0.0, (double)encoded.GetValue($"Names_{category}", r)!);
            }
            Assert.Equal(10.0 * r, (double)encoded.GetValue("Amount", r)!);
        }
    }

    [Fact]
    public void Transform_UnseenCategory_FailsOrIsAllZeros()
    {
        var strict = new OneHotEncoder().Fit(Accounts(Names), "Names");
        var error = Assert.ThrowsAny<Exception>(() => strict.Transform(Accounts(["Alice", "Eve"])).Compute());
        Assert.Contains("'Eve'", error.ToString());
        var lenient = new OneHotEncoder { IgnoreUnknown = true }.Fit(Accounts(Names), "Names");
        var encoded = lenient.Transform(Accounts(["Alice", "Eve"])).Compute();
        Assert.Equal(1.0, (double)encoded.GetValue("Names_Alice", 0)!);
        Assert.All(lenient.FeatureNames, name => Assert.Equal(0.0, (double)encoded.GetValue(name, 1)!));
    }

    [Fact]
    public void Fit_MissingColumn_ListsTheColumns()
    {
        var error = Assert.Throws<ArgumentException>(() => new OneHotEncoder().Fit(Accounts(Names), "name"));
        Assert.Contains("Names", error.Message);
    }
}
