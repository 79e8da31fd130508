namespace Tessera.Distributed.Protocol;

/// <summary>
/// One task sent to a worker: its key, its function and literal arguments as a payload, and where
/// each input it needs lives (the worker that holds it), so the worker fetches inputs from peers
/// directly and data never passes through the client.
/// </summary>
[GenerateSerializer, Immutable]
internal sealed class TaskSpec
{
    [Id(0)] public required string Key { get; init; }
    [Id(1)] public required byte[] Payload { get; init; }
    [Id(2)] public required string[] InputKeys { get; init; }

    /// <summary>Per input, the worker grain key holding it.</summary>
    [Id(3)] public required string[] InputWorkers { get; init; }

    /// <summary>For a task of a graph run: the run, whose calls the worker holds (see <see cref="IWorkerGrain.LoadGraph"/>).</summary>
    [Id(4)] public string? GraphRun { get; init; }
    [Id(5)] public int GraphIndex { get; init; }
}

/// <summary>How a task ended on a worker.</summary>
internal enum OutcomeKind : byte
{
    Finished,
    Failed,

    /// <summary>An input was not where the client said (its worker died): the client recomputes it.</summary>
    InputMissing,
}

/// <summary>What a worker reports for one task.</summary>
[GenerateSerializer, Immutable]
internal sealed class TaskOutcome
{
    [Id(0)] public required string Key { get; init; }
    [Id(1)] public OutcomeKind Kind { get; init; }

    /// <summary>A small result, serialised, sent along so that gathering it needs no further call; null when large.</summary>
    [Id(2)] public byte[]? Value { get; init; }
    [Id(3)] public long Bytes { get; init; }
    [Id(4)] public string? ErrorType { get; init; }
    [Id(5)] public string? ErrorMessage { get; init; }
    [Id(6)] public string? ErrorStack { get; init; }
    [Id(7)] public string? MissingKey { get; init; }
}

/// <summary>An assembly of the client's code a worker on the same machine loads by path.</summary>
[GenerateSerializer, Immutable]
internal sealed class CodeAssembly
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required string Path { get; init; }
}

/// <summary>What a worker tells a client that attaches.</summary>
[GenerateSerializer, Immutable]
internal sealed class WorkerInfo
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public int Threads { get; init; }
    [Id(2)] public int ProcessId { get; init; }
}

/// <summary>Values a worker sends back for <see cref="IWorkerGrain.GetData"/>; keys it does not hold are listed.</summary>
[GenerateSerializer, Immutable]
internal sealed class DataReply
{
    [Id(0)] public required byte[] Payload { get; init; }
    [Id(1)] public required string[] Missing { get; init; }
}
