namespace Portal.Features.Users;

/// <summary>
/// The most recently used filtered views of one snapshot, most recent first. Small and linear on purpose: a handful of
/// staff page through a handful of searches, and each entry can hold 200,000 indexes (800 KB), so it must stay bounded.
/// </summary>
internal sealed class RecentViews
{
    private const int Capacity = 8;

    private readonly Lock _gate = new();
    private readonly List<KeyValuePair<UserQuery, int[]>> _entries = new(Capacity);

    public int[] GetOrAdd(UserQuery key, Func<UserQuery, int[]> compute)
    {
        lock (_gate)
        {
            var found = _entries.FindIndex(e => e.Key == key);
            if (found >= 0)
            {
                var hit = _entries[found];
                _entries.RemoveAt(found);
                _entries.Insert(0, hit);
                return hit.Value;
            }
        }
        // Outside the lock: two circuits asking for the same new view at once compute it twice, rather than one waiting.
        var value = compute(key);
        lock (_gate)
        {
            _entries.Insert(0, new(key, value));
            if (_entries.Count > Capacity)
            {
                _entries.RemoveAt(_entries.Count - 1);
            }
        }
        return value;
    }
}
