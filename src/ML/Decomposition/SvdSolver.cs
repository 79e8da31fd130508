namespace Tessera.ML.Decomposition;

/// <summary>How <see cref="PCA"/> and <see cref="TruncatedSVD"/> factor the data.</summary>
public enum SvdSolver
{
    /// <summary>The exact SVD through TSQR (one pass, blocks × features² held at once): for tall-and-skinny data.</summary>
    Tsqr,

    /// <summary>
    /// The eigenvectors of XᵀX, built in one pass as a sum of per-block GEMMs and decomposed in memory:
    /// the fastest, but it squares X's condition number, so small singular values lose digits.
    /// </summary>
    Gram,

    /// <summary>Randomized SVD (dask's <c>svd_compressed</c>): for many features and few components.</summary>
    Randomized,
}
