namespace Tessera.Arrays;

/// <summary>Which direction of a Fourier transform pair is scaled, as NumPy's <c>norm=</c>.</summary>
public enum FftNorm
{
    /// <summary>The forward transform is unscaled, the inverse scaled by 1/n (NumPy's default, <c>"backward"</c>).</summary>
    Backward,

    /// <summary>Both directions scaled by 1/√n, so the transforms are unitary (<c>"ortho"</c>).</summary>
    Ortho,

    /// <summary>The forward transform scaled by 1/n, the inverse unscaled (<c>"forward"</c>).</summary>
    Forward,
}
