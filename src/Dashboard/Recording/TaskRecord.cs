namespace Tessera.Diagnostics;

/// <summary>One finished (or failed) task as the recorder keeps it; times are Stopwatch ticks.</summary>
internal readonly record struct TaskRecord(int TaskIndex, int Worker, string Key, string Kind, long Start, long End, long Bytes, bool Failed);
