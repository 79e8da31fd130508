namespace Tessera.Scheduling;

/// <summary>
/// The work of one task: receives its arguments (dependency results and literals, in the
/// order the task declared them) and returns its result. The span is only valid during the call.
/// </summary>
public delegate object? TaskFunction(ReadOnlySpan<object?> args);
