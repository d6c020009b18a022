using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Network.Api.Auth;

/// <summary>
/// Failed sign-ins counted per account and per address over a sliding window; past the limit, sign-in is refused for
/// the rest of the window, even with the right password, and the event is logged. A success clears the account's count.
/// </summary>
public sealed class SignInThrottle(ILogger<SignInThrottle> logger, TimeProvider clock)
{
    public const int PerAccount = 5;
    public const int PerAddress = 30;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new();

    /// <summary>How long this account or address must wait, or null when it may try.</summary>
    public TimeSpan? Wait(string name, string address)
    {
        var now = clock.GetUtcNow();
        TimeSpan? Check(string key, int limit)
        {
            if (!_failures.TryGetValue(key, out var queue))
                return null;
            lock (queue)
            {
                while (queue.Count > 0 && queue.Peek() <= now - Window)
                    queue.Dequeue();
                return queue.Count >= limit ? queue.Peek() + Window - now : null;
            }
        }
        return Check("user:" + name.ToLowerInvariant(), PerAccount) ?? Check("address:" + address, PerAddress);
    }

    public void Failed(string name, string address)
    {
        var now = clock.GetUtcNow();
        foreach (var key in new[] { "user:" + name.ToLowerInvariant(), "address:" + address })
        {
            var queue = _failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
            lock (queue)
                queue.Enqueue(now);
        }
        if (Wait(name, address) is not null)
            logger.LogWarning("Sign-in throttled for user {User} from {Address} after repeated failures", name, address);
    }

    public void Succeeded(string name) => _failures.TryRemove("user:" + name.ToLowerInvariant(), out _);
}
