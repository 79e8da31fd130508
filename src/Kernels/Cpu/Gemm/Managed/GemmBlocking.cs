namespace Tessera.Kernels.Cpu;

/// <summary>
/// Cache blocking for the managed kernel, in elements. Chosen so that a kc×nr micro-panel of B
/// stays in L1 while A micro-panels stream past it, an mc×kc block of A stays in L2, and a
/// kc×nc block of B in L3 (the BLIS/GotoBLAS layering). Tuned on AMD EPYC (Zen 5, 48 KiB L1d,
/// 1 MiB L2); values that are multiples of every MR/NR in use.
/// </summary>
internal readonly record struct GemmBlocking(int Mc, int Kc, int Nc)
{
    /// <summary>Blocking for an element of <paramref name="elementSize"/> bytes.</summary>
    public static GemmBlocking For(int elementSize) => elementSize == sizeof(float)
        ? new GemmBlocking(Mc: 144, Kc: 256, Nc: 4096)
        : new GemmBlocking(Mc: 96, Kc: 256, Nc: 2048);
}
