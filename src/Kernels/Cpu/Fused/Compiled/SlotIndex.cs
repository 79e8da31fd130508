namespace Tessera.Kernels.Cpu.Fused.Compiled;

/// <summary>
/// A slot number carried by a type, so that a generic node reading input or constant slot k is
/// specialised by the JIT with k as a constant (a fixed offset into the frame).
/// </summary>
internal interface ISlotIndex
{
    static abstract int Value { get; }
}

internal static class SlotIndex
{
    private static readonly Type[] Types =
    [
        typeof(Slot0), typeof(Slot1), typeof(Slot2), typeof(Slot3), typeof(Slot4), typeof(Slot5), typeof(Slot6), typeof(Slot7),
        typeof(Slot8), typeof(Slot9), typeof(Slot10), typeof(Slot11), typeof(Slot12), typeof(Slot13), typeof(Slot14), typeof(Slot15),
    ];

    /// <summary>How many slot types exist (the bound on input and constant slots).</summary>
    public static int Count => Types.Length;

    public static Type Of(int slot) => Types[slot];
}

internal readonly struct Slot0 : ISlotIndex
{
    public static int Value => 0;
}

internal readonly struct Slot1 : ISlotIndex
{
    public static int Value => 1;
}

internal readonly struct Slot2 : ISlotIndex
{
    public static int Value => 2;
}

internal readonly struct Slot3 : ISlotIndex
{
    public static int Value => 3;
}

internal readonly struct Slot4 : ISlotIndex
{
    public static int Value => 4;
}

internal readonly struct Slot5 : ISlotIndex
{
    public static int Value => 5;
}

internal readonly struct Slot6 : ISlotIndex
{
    public static int Value => 6;
}

internal readonly struct Slot7 : ISlotIndex
{
    public static int Value => 7;
}

internal readonly struct Slot8 : ISlotIndex
{
    public static int Value => 8;
}

internal readonly struct Slot9 : ISlotIndex
{
    public static int Value => 9;
}

internal readonly struct Slot10 : ISlotIndex
{
    public static int Value => 10;
}

internal readonly struct Slot11 : ISlotIndex
{
    public static int Value => 11;
}

internal readonly struct Slot12 : ISlotIndex
{
    public static int Value => 12;
}

internal readonly struct Slot13 : ISlotIndex
{
    public static int Value => 13;
}

internal readonly struct Slot14 : ISlotIndex
{
    public static int Value => 14;
}

internal readonly struct Slot15 : ISlotIndex
{
    public static int Value => 15;
}
