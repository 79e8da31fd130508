using System.Numerics;
using Tessera.Kernels.Cpu;

namespace Tessera.Kernels.Tests.Simd;

/// <summary>The checks of <see cref="SimdOpsTests"/>, written once for every element type and width.</summary>
internal static unsafe class SimdOpsChecks<T, TVec, TOps>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVec : struct
    where TOps : ISimd<T, TVec>
{
    public static void Run()
    {
        var n = TOps.Count;
        var random = new Random(n * 31);
        T[] specials = [T.NaN, T.Zero, T.NegativeZero, T.PositiveInfinity, T.NegativeInfinity, T.Epsilon, T.One, -T.One];
        for (var round = 0; round < 200; round++)
        {
            var a = Values(random, specials, n);
            var b = Values(random, specials, n);
            var c = Values(random, specials, n);
            var va = TOps.Create(a);
            var vb = TOps.Create(b);
            var vc = TOps.Create(c);
            Lanes("Add", TOps.Add(va, vb), i => a[i] + b[i]);
            Lanes("Subtract", TOps.Subtract(va, vb), i => a[i] - b[i]);
            Lanes("Multiply", TOps.Multiply(va, vb), i => a[i] * b[i]);
            Lanes("Divide", TOps.Divide(va, vb), i => a[i] / b[i]);
            Lanes("Negate", TOps.Negate(va), i => -a[i]);
            Lanes("Min", TOps.Min(va, vb), i => T.Min(a[i], b[i]));
            Lanes("Max", TOps.Max(va, vb), i => T.Max(a[i], b[i]));
            Lanes("Abs", TOps.Abs(va), i => T.Abs(a[i]));
            Lanes("Sqrt", TOps.Sqrt(va), i => T.Sqrt(a[i]));
            Lanes("FusedMultiplyAdd", TOps.FusedMultiplyAdd(va, vb, vc), i => T.FusedMultiplyAdd(a[i], b[i], c[i]));
            var multiplyAdd = Array(TOps.MultiplyAdd(va, vb, vc));
            for (var i = 0; i < n; i++)
            {
                var fused = T.FusedMultiplyAdd(a[i], b[i], c[i]);
                var separate = (a[i] * b[i]) + c[i];
                Assert.True(Same(multiplyAdd[i], TOps.HasFusedMultiplyAdd ? fused : separate),
                    $"MultiplyAdd lane {i}: {a[i]}*{b[i]}+{c[i]} gave {multiplyAdd[i]} (fused {fused}, separate {separate})");
            }
            var equal = TOps.Equals(va, vb);
            Lanes("Equals→ConditionalSelect", TOps.ConditionalSelect(equal, va, vc), i => a[i] == b[i] ? a[i] : c[i]);
            var lessOrEqual = TOps.LessThanOrEqual(va, vb);
            Lanes("LessThanOrEqual→ConditionalSelect", TOps.ConditionalSelect(lessOrEqual, vc, vb), i => a[i] <= b[i] ? c[i] : b[i]);
            Assert.Equal(Enumerable.Range(0, n).All(i => a[i] <= b[i]), TOps.LessThanOrEqualAll(va, vb));
            Lanes("Xor with itself", TOps.Xor(va, va), _ => T.Zero);
            Lanes("Abs ^ -0", TOps.Xor(TOps.Abs(va), TOps.Broadcast(T.NegativeZero)), i => -T.Abs(a[i]));
            CheckLowBitToSign(random, n);
            CheckSumAndMemory(a);
        }
        Assert.True(TOps.LessThanOrEqualAll(TOps.Zero, TOps.Broadcast(T.One)));
    }

    private static void CheckLowBitToSign(Random random, int n)
    {
        // Integers held in the low mantissa bits, as sin/cos keep round(x/π) after adding 1.5·2^52.
        var shift = T.CreateTruncating(sizeof(T) == 8 ? 6755399441055744.0 : 12582912.0);
        var k = new T[n];
        for (var i = 0; i < n; i++)
        {
            k[i] = T.CreateTruncating(random.Next(-1000, 1000)) + shift;
        }
        var sign = Array(TOps.LowBitToSign(TOps.Create(k)));
        for (var i = 0; i < n; i++)
        {
            var odd = long.CreateTruncating(k[i] - shift) % 2 != 0;
            Assert.True(Same(sign[i], odd ? T.NegativeZero : T.Zero), $"LowBitToSign lane {i}: k = {k[i] - shift} gave {sign[i]}");
        }
    }

    private static void CheckSumAndMemory(T[] a)
    {
        var n = TOps.Count;
        var finite = a.Select(v => T.IsFinite(v) ? v : T.One).ToArray();
        var sum = TOps.Sum(TOps.Create(finite));
        var expected = finite.Aggregate(T.Zero, (s, v) => s + v);
        var scale = finite.Aggregate(T.Zero, (s, v) => s + T.Abs(v));
        // Any order of n additions is within n units of rounding of the sum of magnitudes.
        var unit = T.CreateTruncating(sizeof(T) == 8 ? 1.12e-16 : 6e-8);
        Assert.True(T.Abs(sum - expected) <= scale * T.CreateTruncating(n) * unit,
            $"Sum: {sum}, expected {expected}");
        var buffer = new T[3 * n];
        fixed (T* p = buffer)
        {
            var aligned = (T*)(((nint)p + (64 - 1)) & ~(nint)(64 - 1));
            TOps.StoreAligned(aligned, TOps.Create(a));
            TOps.Store(p + 1, TOps.Load(aligned));
            Lanes("Store/Load", TOps.Load(p + 1), i => a[i]);
        }
        var copy = new T[n + 2];
        TOps.StoreUnsafe(TOps.LoadUnsafe(ref a[0], 0), ref copy[0], 2);
        Lanes("StoreUnsafe/LoadUnsafe", TOps.LoadUnsafe(ref copy[0], 2), i => a[i]);
        Lanes("Zero", TOps.Zero, _ => T.Zero);
        Lanes("Broadcast", TOps.Broadcast(a[0]), _ => a[0]);
    }

    private static T[] Values(Random random, T[] specials, int n)
    {
        var values = new T[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = random.Next(5) == 0 ? specials[random.Next(specials.Length)] : T.CreateTruncating(200 * (random.NextDouble() - 0.5));
        }
        return values;
    }

    private static T[] Array(TVec v)
    {
        var lanes = new T[TOps.Count];
        TOps.CopyTo(v, lanes);
        return lanes;
    }

    private static void Lanes(string what, TVec actual, Func<int, T> expected)
    {
        var lanes = Array(actual);
        for (var i = 0; i < lanes.Length; i++)
        {
            Assert.True(Same(lanes[i], expected(i)), $"{what} lane {i} of {TOps.Count}: {lanes[i]}, expected {expected(i)}");
        }
    }

    // Bitwise equality, any NaN equal to any NaN (x86 returns one operand's payload; no contract).
    private static bool Same(T x, T y) => (T.IsNaN(x) && T.IsNaN(y)) || (x == y && T.IsNegative(x) == T.IsNegative(y));
}
