namespace Tessera.Distributed.Tests;

/// <summary>Functions the tests send to workers.</summary>
internal static class Work
{
    public static int Inc(int x) => x + 1;

    public static int Add(int x, int y) => x + y;

    public static double Sum(double[] values) => values.Sum();

    public static int Boom(int x) => throw new InvalidOperationException($"boom on {x}");

    public static string ThreadName(int _) => Thread.CurrentThread.Name ?? "";

    /// <summary>A side effect the test can see from outside the worker's load context: a file.</summary>
    public static int TouchAfterAWhile(string path)
    {
        Thread.Sleep(300);
        File.WriteAllText(path, "done");
        return 0;
    }

    public static int SlowInc(int x)
    {
        Thread.Sleep(200);
        return x + 1;
    }

    /// <summary>A block passed through, leaving one file in <paramref name="directory"/> per call (how often it ran).</summary>
    public static System.Numerics.Tensors.Tensor<double> CountedCall(System.Numerics.Tensors.Tensor<double> block, string directory)
    {
        File.WriteAllText(Path.Combine(directory, $"{Guid.NewGuid():N}.call"), "");
        return block;
    }

    /// <summary>An item passed through, leaving one file in <paramref name="directory"/> per call.</summary>
    public static int CountedItem(int item, string directory)
    {
        File.WriteAllText(Path.Combine(directory, $"{Guid.NewGuid():N}.call"), "");
        return item;
    }
}
