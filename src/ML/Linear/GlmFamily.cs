namespace Tessera.ML.Linear;

/// <summary>
/// One generalized linear model's per-sample loss in terms of the linear predictor η: the loss,
/// its first derivative (the residual the gradient sums) and its second (the Hessian weight).
/// Static abstract members on structs so the per-row loop is specialised and inlined.
/// </summary>
internal interface IGlmFamily
{
    /// <summary>Loss, dloss/dη and d²loss/dη² of one sample.</summary>
    static abstract (double Loss, double Residual, double Weight) Row(double eta, double y);

    /// <summary>True when the loss is quadratic in η: one Newton step from anywhere is the minimum.</summary>
    static abstract bool Quadratic { get; }
}

/// <summary>Squared error: ½(η − y)².</summary>
internal readonly struct NormalFamily : IGlmFamily
{
    public static bool Quadratic => true;

    public static (double Loss, double Residual, double Weight) Row(double eta, double y)
    {
        var r = eta - y;
        return (0.5 * r * r, r, 1);
    }
}

/// <summary>Logistic log-loss for y in {0, 1}: log(1 + e^η) − yη.</summary>
internal readonly struct LogisticFamily : IGlmFamily
{
    public static bool Quadratic => false;

    public static (double Loss, double Residual, double Weight) Row(double eta, double y)
    {
        // Softplus written so neither branch overflows: log(1 + e^η) = max(η, 0) + log(1 + e^−|η|).
        var e = Math.Exp(-Math.Abs(eta));
        var softplus = Math.Max(eta, 0) + Math.Log(1 + e);
        var p = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
        return (softplus - y * eta, p - y, p * (1 - p));
    }
}

/// <summary>Poisson negative log-likelihood with the log link, without the constant log(y!): e^η − yη.</summary>
internal readonly struct PoissonFamily : IGlmFamily
{
    public static bool Quadratic => false;

    public static (double Loss, double Residual, double Weight) Row(double eta, double y)
    {
        var mu = Math.Exp(eta);
        return (mu - y * eta, mu - y, mu);
    }
}
