namespace Tessera.Kernels.Backends;

/// <summary>
/// The reductions a backend runs over a set of axes. Result types follow NumPy: sums and
/// products of bool/int32/int64 are int64; mean/var/std of integers are float64 and of floats
/// keep the float type; min/max keep the type; arg* give int64; any/all give bool.
/// The Nan* variants skip NaN (on integers they equal the plain ones).
/// </summary>
internal enum ReductionKind
{
    Sum,
    Prod,
    Min,
    Max,
    Mean,
    Var,
    Std,
    ArgMin,
    ArgMax,
    Any,
    All,
    NanSum,
    NanProd,
    NanMin,
    NanMax,
    NanMean,
    NanVar,
    NanStd,
    NanArgMin,
    NanArgMax,
}
