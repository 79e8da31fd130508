namespace Tessera.Distributed.Tests;

/// <summary>Functions the tests send to workers.</summary>
internal static class Work
{
    public static int Inc(int x) => x + 1;

    public static int Add(int x, int y) => x + y;

    public static double Sum(double[] values) => values.Sum();

    public static int Boom(int x) => throw new InvalidOperationException($"boom on {x}");

    public static string ThreadName(int _) => Thread.CurrentThread.Name ?? "";

    public static int SlowInc(int x)
    {
        Thread.Sleep(200);
        return x + 1;
    }
}
