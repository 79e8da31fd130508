namespace Tessera.DataFrames;

public sealed partial class Frame
{
    /// <summary>The frame printed as pandas prints one.</summary>
    public override string ToString() => FrameFormatter.Format(this);
}
