namespace Tessera.IO.Hdf5;

/// <summary>
/// An attribute value stored as a fixed-length string (as wide as its bytes, NUL-terminated)
/// instead of the variable-length UTF-8 a plain string gets. PyTables needs this form: it reads
/// its own metadata (CLASS, VERSION) and pickled values as fixed-length strings.
/// </summary>
/// <param name="Value">The text.</param>
/// <param name="Ascii">Mark the character set ASCII (PyTables then reads the value as bytes, which is how it finds pickles) instead of UTF-8.</param>
public readonly record struct Hdf5FixedString(string Value, bool Ascii = false);
