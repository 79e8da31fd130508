namespace Tessera.ML.Linear;

/// <summary>The regularisation a linear model adds to its loss (the intercept is never penalised).</summary>
public enum Penalty
{
    /// <summary>No regularisation: maximum likelihood / least squares.</summary>
    None,

    /// <summary>λ‖w‖₁ (lasso): solved by proximal Newton, coordinate descent on each quadratic model (newGLMNET).</summary>
    L1,

    /// <summary>½λ‖w‖₂² (ridge): added to the Newton system.</summary>
    L2,
}
