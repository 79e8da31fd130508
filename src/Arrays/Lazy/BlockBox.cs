namespace Tessera.Arrays.Lazy;

/// <summary>Block indices of a box of blocks, row-major: what a rechunk or a combine step reads.</summary>
internal static class BlockBox
{
    /// <summary>Every index first[d] .. first[d] + count[d] − 1 on each axis.</summary>
    public static IEnumerable<int[]> Of(int[] first, int[] count)
    {
        if (count.Any(c => c <= 0))
        {
            yield break;
        }
        var offset = new int[first.Length];
        while (true)
        {
            yield return [.. first.Select((f, d) => f + offset[d])];
            var d = first.Length - 1;
            for (; d >= 0 && ++offset[d] == count[d]; d--)
            {
                offset[d] = 0;
            }
            if (d < 0)
            {
                yield break;
            }
        }
    }
}
