using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Tests.Support;

/// <summary>Comparisons with documented tolerances.</summary>
internal static class Close
{
    /// <summary>
    /// Relative tolerance per type for results of vectorised transcendental functions
    /// (TensorPrimitives agrees with Math to a few ulps): ~8 ulps of float32 / float64.
    /// </summary>
    public static double Tolerance(DType dtype) => dtype switch
    {
        DType.Float32 => 1e-6,
        DType.Float64 => 2e-15,
        DType.Float16 => 1e-3, // one float16 ulp: vector paths round from float32 once, the reference per op
        _ => 0,
    };

    public static bool Equal(Scalar expected, Scalar actual, double relative)
    {
        if (expected.DType != actual.DType)
        {
            return false;
        }
        if (!expected.DType.IsFloatingPoint())
        {
            return expected == actual;
        }
        return Equal(expected.ToDouble(), actual.ToDouble(), relative);
    }

    public static bool Equal(double expected, double actual, double relative, double absolute = 0)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            return double.IsNaN(expected) && double.IsNaN(actual);
        }
        if (double.IsInfinity(expected) || double.IsInfinity(actual))
        {
            return expected == actual;
        }
        return Math.Abs(expected - actual) <= (relative * Math.Max(Math.Abs(expected), Math.Abs(actual))) + absolute + double.Epsilon;
    }
}
