namespace Tessera.DataFrames.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void ReadCsv_Compute_PrintsAndFilters()
    {
        using var folder = new TestData.Folder();
        var glob = TestData.Accounts(folder, 3, 50, nulls: true);
        var df = DataFrame.ReadCsv(glob);
        Console.WriteLine(df);
        var frame = df.Compute();
        Console.WriteLine(frame);
        Assert.Equal(150, frame.RowCount);
        var expr = (df["amount"] * 2 + df["id"] > 100).Compute();
        Console.WriteLine(expr);
        var alice = df[df["names"] == "Alice"].Compute();
        Console.WriteLine(alice);
        Console.WriteLine(df.Head());
    }
}
