namespace Tessera.Scheduling;

/// <summary>
/// Least-recently-used order of the spillable results held in memory, as an intrusive doubly
/// linked list over task indexes: adding, touching and removing are O(1) with no allocation.
/// </summary>
internal sealed class LruList
{
    private const int None = -1;
    private readonly int[] _previous;
    private readonly int[] _next;
    private readonly bool[] _member;
    private int _head = None; // least recently used
    private int _tail = None; // most recently used

    public LruList(int capacity)
    {
        _previous = new int[capacity];
        _next = new int[capacity];
        _member = new bool[capacity];
    }

    public int Count { get; private set; }

    public bool Contains(int task) => _member[task];

    /// <summary>Adds <paramref name="task"/> as the most recently used, or moves it there.</summary>
    public void Touch(int task)
    {
        if (_member[task])
        {
            if (task == _tail)
            {
                return;
            }
            Remove(task);
        }
        _member[task] = true;
        _previous[task] = _tail;
        _next[task] = None;
        if (_tail != None)
        {
            _next[_tail] = task;
        }
        else
        {
            _head = task;
        }
        _tail = task;
        Count++;
    }

    public void Remove(int task)
    {
        if (!_member[task])
        {
            return;
        }
        var (previous, next) = (_previous[task], _next[task]);
        if (previous != None)
        {
            _next[previous] = next;
        }
        else
        {
            _head = next;
        }
        if (next != None)
        {
            _previous[next] = previous;
        }
        else
        {
            _tail = previous;
        }
        _member[task] = false;
        Count--;
    }

    /// <summary>The least recently used member, or -1 when empty.</summary>
    public int Oldest => _head;

    /// <summary>The member used just after <paramref name="task"/>, or -1.</summary>
    public int Newer(int task) => _next[task];
}
