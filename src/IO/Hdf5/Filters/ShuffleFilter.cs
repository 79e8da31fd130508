namespace Tessera.IO.Hdf5;

/// <summary>
/// Filter 2: the writer stored byte 0 of every element, then byte 1 of every element, and so
/// on; bytes past the last whole element are stored unchanged at the end.
/// </summary>
internal static class ShuffleFilter
{
    public static byte[] Decode(byte[] input, int elementSize)
    {
        if (elementSize <= 1 || elementSize > input.Length)
        {
            return input;
        }
        int count = input.Length / elementSize;
        var output = GC.AllocateUninitializedArray<byte>(input.Length);
        for (int b = 0; b < elementSize; b++)
        {
            var plane = input.AsSpan(b * count, count);
            for (int i = 0; i < count; i++)
            {
                output[i * elementSize + b] = plane[i];
            }
        }
        int tail = count * elementSize;
        input.AsSpan(tail).CopyTo(output.AsSpan(tail));
        return output;
    }
}
