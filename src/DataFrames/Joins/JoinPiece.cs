namespace Tessera.DataFrames.Joins;

/// <summary>One probe partition joined: its output rows, and which broadcast rows it matched (for right/outer joins).</summary>
internal sealed record JoinPiece(Frame Frame, bool[] Matched);
