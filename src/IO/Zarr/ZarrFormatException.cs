namespace Tessera.IO.Zarr;

/// <summary>
/// A Zarr store is malformed or uses something this reader does not decode. The message names
/// the key (metadata document or chunk) and what was found against what was expected.
/// </summary>
public sealed class ZarrFormatException : Exception
{
    /// <summary>Creates the exception for the store key <paramref name="key"/>.</summary>
    /// <param name="key">The store key being decoded, e.g. <c>temperature/.zarray</c> or <c>temperature/0.1</c>.</param>
    /// <param name="problem">What was found and what was expected.</param>
    /// <param name="inner">The underlying error, if any (e.g. a zlib decoding error).</param>
    public ZarrFormatException(string key, string problem, Exception? inner = null)
        : base($"Malformed Zarr '{key}': {problem}", inner)
    {
        Key = key;
    }

    /// <summary>The store key being decoded when the problem was found.</summary>
    public string Key { get; }
}
