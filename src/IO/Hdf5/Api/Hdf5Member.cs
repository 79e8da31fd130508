namespace Tessera.IO.Hdf5;

/// <summary>What a group member is.</summary>
public enum Hdf5MemberKind
{
    /// <summary>A group.</summary>
    Group,
    /// <summary>A dataset.</summary>
    Dataset,
    /// <summary>A committed (named) datatype.</summary>
    NamedDatatype,
    /// <summary>A soft link (a path, not followed when listing).</summary>
    SoftLink,
    /// <summary>A link into another file (not followed).</summary>
    ExternalLink,
}

/// <summary>One member of a group.</summary>
/// <param name="Name">The link name inside its group.</param>
/// <param name="Kind">What the link points at.</param>
public sealed record Hdf5Member(string Name, Hdf5MemberKind Kind);
