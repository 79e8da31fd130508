namespace Tessera.Scheduling;

/// <summary>
/// Marks a type that only builds graphs and is never read by a running task, though task closures
/// may reach it through the objects they capture (a collection's node graph). A cluster sends such
/// an object to its workers as null: a persisted layer's blocks, say, enter graphs as constants
/// of their own, and must not travel again inside every closure that happens to reach them.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GraphOnlyAttribute : Attribute;
