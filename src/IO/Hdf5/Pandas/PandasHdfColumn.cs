namespace Tessera.IO.Hdf5;

/// <summary>
/// One column of a pandas frame read from HDF5: <see cref="Values"/> is a one-dimensional array of
/// the stored numbers (long[], int[], double[], … as NumPy stored them), bool[] for booleans,
/// long[] nanoseconds since 1970 for <c>datetime64</c> (NaT as <see cref="long.MinValue"/>), or
/// string?[] for strings (pandas' NaN marker read as null).
/// </summary>
/// <param name="Name">The column name.</param>
/// <param name="Values">One value per row.</param>
/// <param name="Dtype">pandas' dtype name: int64, float64, bool, datetime64, bytes, …</param>
public sealed record PandasHdfColumn(string Name, Array Values, string Dtype);
