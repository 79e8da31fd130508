namespace Tessera.Diagnostics;

/// <summary>A task's state on the Graph page; the letters are what the page reads.</summary>
internal static class TaskState
{
    public const byte Waiting = (byte)'w';
    public const byte Running = (byte)'r';
    public const byte Done = (byte)'d';
    public const byte Failed = (byte)'f';
}
