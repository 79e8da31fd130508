namespace Tessera.Kernels.Cpu;

/// <summary>
/// Cache blocking for the managed kernel, in elements, in the BLIS/GotoBLAS layering: a kc×nr
/// micro-panel of B is reused from L1 by every A micro-panel of a block, an mc×kc block of A
/// stays in L2, a kc×nc block of B in L3.
/// </summary>
/// <remarks>
/// Tuned at 2048³ on AMD EPYC (Zen 5, 48 KiB L1d, 1 MiB L2) with a 6×(2×Vector512) tile, timing
/// thread CPU time because the machine was shared: mc in 72–576 and kc in 256–512 stayed within
/// 7% of each other; float was best at kc = 384, double at kc = 256 (the same 32–48 KiB B
/// micro-panel). A 12-row tile (24 accumulators, fits AVX-512's 32 registers) was not faster.
/// mc is a multiple of the 6-row tile; nc is a multiple of every nr in use.
/// </remarks>
internal readonly record struct GemmBlocking(int Mc, int Kc, int Nc)
{
    /// <summary>Blocking for an element of <paramref name="elementSize"/> bytes.</summary>
    public static GemmBlocking For(int elementSize) => elementSize == sizeof(float)
        ? new GemmBlocking(Mc: 144, Kc: 384, Nc: 4096)
        : new GemmBlocking(Mc: 144, Kc: 256, Nc: 2048);
}
