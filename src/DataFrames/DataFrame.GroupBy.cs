namespace Tessera.DataFrames;

public sealed partial class DataFrame
{
    /// <summary>Groups the rows by the values of <paramref name="keys"/> (one or more columns).</summary>
    public GroupBy GroupBy(params string[] keys) => new(this, keys, null);
}
