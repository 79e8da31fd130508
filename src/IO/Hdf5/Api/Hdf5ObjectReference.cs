namespace Tessera.IO.Hdf5;

/// <summary>
/// An HDF5 object reference: the address of an object's header. netCDF4 files use them for
/// dimension scales (a variable's DIMENSION_LIST attribute is one list of references per axis,
/// a dimension's REFERENCE_LIST pairs a reference with an axis number). Turn one into a path
/// with <see cref="Hdf5File.PathOf(Hdf5ObjectReference)"/>.
/// </summary>
/// <param name="Address">The referenced object header's address (relative to the file's base address).</param>
public readonly record struct Hdf5ObjectReference(long Address);
