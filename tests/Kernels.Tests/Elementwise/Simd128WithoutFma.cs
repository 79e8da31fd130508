using System.Runtime.Intrinsics;
using Tessera.Kernels.Cpu;

namespace Tessera.Kernels.Tests.Elementwise;

/// <summary>
/// 128-bit float64 vectors as on an x86 machine without FMA (<c>DOTNET_EnableAVX2=0</c>): a separate
/// multiply and add where <see cref="Simd128{T}"/> would fuse them. So every run, on any host,
/// checks the accuracy of the kernels' no-FMA form, which otherwise runs only with that setting.
/// </summary>
internal readonly unsafe struct Simd128WithoutFma : ISimd<double, Vector128<double>>
{
    public static int Count => Simd128<double>.Count;

    public static bool IsHardwareAccelerated => Simd128<double>.IsHardwareAccelerated;

    public static bool HasFusedMultiplyAdd => false;

    public static Vector128<double> Zero => Vector128<double>.Zero;

    public static Vector128<double> Load(double* p) => Simd128<double>.Load(p);

    public static void Store(double* p, Vector128<double> v) => Simd128<double>.Store(p, v);

    public static void StoreAligned(double* p, Vector128<double> v) => Simd128<double>.StoreAligned(p, v);

    public static Vector128<double> LoadUnsafe(ref double source, nuint i) => Simd128<double>.LoadUnsafe(ref source, i);

    public static void StoreUnsafe(Vector128<double> v, ref double destination, nuint i) => Simd128<double>.StoreUnsafe(v, ref destination, i);

    public static Vector128<double> Broadcast(double x) => Simd128<double>.Broadcast(x);

    public static void CopyTo(Vector128<double> v, Span<double> destination) => Simd128<double>.CopyTo(v, destination);

    public static Vector128<double> Create(ReadOnlySpan<double> values) => Simd128<double>.Create(values);

    public static Vector128<double> Add(Vector128<double> a, Vector128<double> b) => a + b;

    public static Vector128<double> Subtract(Vector128<double> a, Vector128<double> b) => a - b;

    public static Vector128<double> Multiply(Vector128<double> a, Vector128<double> b) => a * b;

    public static Vector128<double> Divide(Vector128<double> a, Vector128<double> b) => a / b;

    public static Vector128<double> Negate(Vector128<double> a) => -a;

    public static Vector128<double> Min(Vector128<double> a, Vector128<double> b) => Simd128<double>.Min(a, b);

    public static Vector128<double> Max(Vector128<double> a, Vector128<double> b) => Simd128<double>.Max(a, b);

    public static Vector128<double> Abs(Vector128<double> a) => Simd128<double>.Abs(a);

    public static Vector128<double> Sqrt(Vector128<double> a) => Simd128<double>.Sqrt(a);

    // Two roundings: the product is rounded before the add, as without FMA hardware.
    public static Vector128<double> MultiplyAdd(Vector128<double> a, Vector128<double> b, Vector128<double> c) => (a * b) + c;

    public static Vector128<double> FusedMultiplyAdd(Vector128<double> a, Vector128<double> b, Vector128<double> c) =>
        Simd128<double>.FusedMultiplyAdd(a, b, c);

    public static Vector128<double> ConditionalSelect(Vector128<double> mask, Vector128<double> a, Vector128<double> b) =>
        Simd128<double>.ConditionalSelect(mask, a, b);

    public static Vector128<double> Equals(Vector128<double> a, Vector128<double> b) => Simd128<double>.Equals(a, b);

    public static Vector128<double> LessThanOrEqual(Vector128<double> a, Vector128<double> b) => Simd128<double>.LessThanOrEqual(a, b);

    public static bool LessThanOrEqualAll(Vector128<double> a, Vector128<double> b) => Simd128<double>.LessThanOrEqualAll(a, b);

    public static Vector128<double> Xor(Vector128<double> a, Vector128<double> b) => a ^ b;

    public static Vector128<double> LowBitToSign(Vector128<double> a) => Simd128<double>.LowBitToSign(a);

    public static double Sum(Vector128<double> a) => Simd128<double>.Sum(a);
}
