using System.Collections.Concurrent;
using Graft.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Graft.Governance;

/// <summary>
/// The keys a server has seen, by secret hash, so a request is not a store query: a key is read again once it is
/// older than <see cref="GraftHome.Freshness"/>, so a revocation made by another process (the CLI) applies within
/// that time, and one made through this process applies at once (<see cref="Forget"/>). Expiry is checked on every
/// request. Only keys that exist are kept, so guessing secrets cannot grow the cache. When the store cannot be read,
/// a known key keeps working, as the use cases it serves keep answering.
/// </summary>
public sealed class KeyCache(GraftHome home, ILogger<KeyCache>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<KeyCache>.Instance;
    private readonly ConcurrentDictionary<string, (ApiKey Key, DateTimeOffset ReadAt)> _byHash = new(StringComparer.Ordinal);

    /// <summary>The active key with this secret, or null (unknown, revoked or expired).</summary>
    public async Task<ApiKey?> VerifyAsync(string secret, CancellationToken cancellationToken)
    {
        var hash = KeyStore.Hash(secret);
        var now = home.Time.GetUtcNow();
        if (!_byHash.TryGetValue(hash, out var cached) || now - cached.ReadAt >= GraftHome.Freshness)
        {
            ApiKey? key;
            try
            {
                key = await new KeyStore(home).FindAsync(hash, cancellationToken);
            }
            catch (Exception e) when (cached.Key is not null && e is not OperationCanceledException)
            {
                // the store cannot be read: keep answering for keys already known, as serving keeps its use cases
                _logger.KeyStoreUnreadable(cached.Key.Id, e.Message, cached.ReadAt);
                key = cached.Key;
            }
            if (key is null)
            {
                _byHash.TryRemove(hash, out _);
                return null;
            }
            cached = (key, now);
            _byHash[hash] = cached;
        }
        return cached.Key.IsActive(home.Now) ? cached.Key : null;
    }

    /// <summary>Drops a key this process just changed (revoked), so the next request reads it again.</summary>
    public void Forget(string keyId)
    {
        foreach (var (hash, entry) in _byHash)
        {
            if (entry.Key.Id == keyId)
            {
                _byHash.TryRemove(hash, out _);
            }
        }
    }
}
