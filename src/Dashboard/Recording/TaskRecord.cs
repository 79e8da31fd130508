namespace Tessera.Diagnostics;

/// <summary>
/// One finished (or failed) task as the recorder keeps it; times are Stopwatch ticks. It holds no
/// references (the key and kind are looked up in the run's graph by <see cref="TaskIndex"/> when
/// read), so the garbage collector never scans the logs and the workers' writes need no barrier:
/// with the strings inside, recording cost the 100,000-task benchmark measurably more.
/// </summary>
internal readonly record struct TaskRecord(int TaskIndex, int Worker, long Start, long End, long Bytes, bool Failed);
