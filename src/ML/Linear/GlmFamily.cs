using System.Numerics.Tensors;

namespace Tessera.ML.Linear;

/// <summary>
/// One generalized linear model's per-sample loss in terms of the linear predictor η: the loss,
/// its first derivative (the residual the gradient sums) and its second (the Hessian weight),
/// for a tile of samples at once so the exponentials and logarithms run as vector loops.
/// Static abstract members on structs so every call is specialised and inlined.
/// </summary>
internal interface IGlmFamily
{
    /// <summary>
    /// Fills dloss/dη and d²loss/dη² of every sample of the tile and returns the tile's summed loss.
    /// <paramref name="scratch"/> is as long as <paramref name="eta"/>.
    /// </summary>
    static abstract double Tile(ReadOnlySpan<double> eta, ReadOnlySpan<double> y, Span<double> residual, Span<double> weight,
        Span<double> scratch);

    /// <summary>True when the loss is quadratic in η: one Newton step from anywhere is the minimum.</summary>
    static abstract bool Quadratic { get; }
}

/// <summary>Squared error: ½(η − y)².</summary>
internal readonly struct NormalFamily : IGlmFamily
{
    public static bool Quadratic => true;

    public static double Tile(ReadOnlySpan<double> eta, ReadOnlySpan<double> y, Span<double> residual, Span<double> weight,
        Span<double> scratch)
    {
        TensorPrimitives.Subtract(eta, y, residual);
        weight.Fill(1);
        return 0.5 * TensorPrimitives.SumOfSquares<double>(residual);
    }
}

/// <summary>Logistic log-loss for y in {0, 1}: log(1 + e^η) − yη.</summary>
internal readonly struct LogisticFamily : IGlmFamily
{
    public static bool Quadratic => false;

    public static double Tile(ReadOnlySpan<double> eta, ReadOnlySpan<double> y, Span<double> residual, Span<double> weight,
        Span<double> scratch)
    {
        // p = σ(η) (the residual's first term, then p in weight's place until w = p(1 − p)).
        var p = weight;
        TensorPrimitives.Sigmoid(eta, p);
        TensorPrimitives.Subtract(p, y, residual);
        // log(1 + e^η) = max(η, 0) + log(1 + e^−|η|), and 1/(1 + e^−|η|) = max(p, 1 − p): the
        // larger of the two probabilities is at least ½, so neither it nor its log overflows or cancels.
        TensorPrimitives.Subtract(1.0, p, scratch);
        TensorPrimitives.Max(p, scratch, scratch);
        TensorPrimitives.Log(scratch, scratch);
        var loss = -TensorPrimitives.Sum<double>(scratch) - TensorPrimitives.Dot(y, eta);
        TensorPrimitives.Max(eta, 0.0, scratch);
        loss += TensorPrimitives.Sum<double>(scratch);
        // w = p(1 − p) = p − p².
        TensorPrimitives.Subtract(1.0, p, scratch);
        TensorPrimitives.Multiply(p, scratch, weight);
        return loss;
    }
}

/// <summary>Poisson negative log-likelihood with the log link, without the constant log(y!): e^η − yη.</summary>
internal readonly struct PoissonFamily : IGlmFamily
{
    public static bool Quadratic => false;

    public static double Tile(ReadOnlySpan<double> eta, ReadOnlySpan<double> y, Span<double> residual, Span<double> weight,
        Span<double> scratch)
    {
        TensorPrimitives.Exp(eta, weight);
        TensorPrimitives.Subtract(weight, y, residual);
        return TensorPrimitives.Sum<double>(weight) - TensorPrimitives.Dot(y, eta);
    }
}
