using System.Security.Cryptography;
using System.Text;
using Graft.Storage;
using Microsoft.EntityFrameworkCore;

namespace Graft.Governance;

/// <summary>
/// Creates, lists, revokes and verifies API keys. A secret is shown once, when created; only its hash is kept.
/// </summary>
public sealed class KeyStore(GraftHome home)
{
    public const string BootstrapVariable = "GRAFT_BOOTSTRAP_ADMIN_KEY";
    public const int MinimumSecretLength = 32;

    /// <summary>Makes a key, an act of <paramref name="actor"/> in the audit trail (which never holds the secret or its hash).</summary>
    public async Task<CreatedKey> CreateAsync(Role role, string? useCaseId, DateTime? expiresAt, string? name, Actor actor, CancellationToken cancellationToken)
    {
        if (role == Role.App && useCaseId is null)
        {
            throw GraftException.Invalid("an app key is limited to one use case; give --usecase");
        }
        if (expiresAt is { } e && e <= home.Now)
        {
            throw GraftException.Invalid("the expiry is in the past");
        }
        var secret = NewSecret();
        var key = new ApiKey(NewId(), Hash(secret), role, useCaseId, name, home.Now, expiresAt);
        return await new AuditTrail(home).CommitAsync(actor, async (db, ct) =>
        {
            if (useCaseId is not null && !await db.UseCases.AnyAsync(u => u.Id == useCaseId, ct))
            {
                throw GraftException.NotFound($"no use case '{useCaseId}'");
            }
            db.ApiKeys.Add(key);
            return (new CreatedKey(key, secret), Created(key));
        }, cancellationToken);
    }

    /// <summary>
    /// On a store with no keys, makes the first admin key: the one in <see cref="BootstrapVariable"/> when set,
    /// otherwise a new one whose secret is returned to be shown once. Null when keys already exist.
    /// </summary>
    public Task<CreatedKey?> BootstrapAsync(string? givenSecret, Actor actor, CancellationToken cancellationToken)
    {
        var secret = givenSecret ?? NewSecret();
        var key = new ApiKey(NewId(), Hash(secret), Role.Admin, null, "bootstrap admin", home.Now, null);
        return new AuditTrail(home).CommitAsync(actor, async (db, ct) =>
        {
            if (await db.ApiKeys.AnyAsync(ct))
            {
                return ((CreatedKey?)null, (TrailRecord?)null);
            }
            if (secret.Length < MinimumSecretLength)
            {
                throw GraftException.Invalid($"{BootstrapVariable} must be at least {MinimumSecretLength} characters");
            }
            db.ApiKeys.Add(key);
            return (new CreatedKey(key, givenSecret is null ? secret : null), Created(key));
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        return await db.ApiKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<ApiKey> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        return await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken) ?? throw Unknown(id);
    }

    /// <summary>Revokes a key, an act in the audit trail; revoking a revoked key changes nothing and is none.</summary>
    public Task<ApiKey> RevokeAsync(string id, Actor actor, CancellationToken cancellationToken) =>
        new AuditTrail(home).CommitAsync(actor, async (db, ct) =>
        {
            var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct) ?? throw Unknown(id);
            if (key.RevokedAt is not null)
            {
                return (key, (TrailRecord?)null);
            }
            key.Revoke(home.Now);
            return (key, new TrailRecord(TrailActs.KeyRevoked, key.UseCaseId, key.Id, new { revoked = false }, new { revoked = true }));
        }, cancellationToken);

    /// <summary>The key whose secret has this hash, active or not (see <see cref="KeyCache"/>, which answers requests).</summary>
    public async Task<ApiKey?> FindAsync(string secretHash, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        return await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.SecretSha256 == secretHash, cancellationToken);
    }

    private static GraftException Unknown(string id) => GraftException.NotFound($"no key '{id}' (graft keys list shows them)");

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>A new key as the trail records it: what it may do, never its secret.</summary>
    private static TrailRecord Created(ApiKey key) => new(TrailActs.KeyCreated, key.UseCaseId, key.Id, null,
        new { role = key.Role.ToString().ToLowerInvariant(), use_case = key.UseCaseId, name = key.Name, expires_at = key.ExpiresAt });

    private static string NewSecret() => "graft_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string NewId() => "key_" + Base64Url(RandomNumberGenerator.GetBytes(6));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A key just made; <see cref="Secret"/> is shown once and never stored (null when the secret was supplied).</summary>
public sealed record CreatedKey(ApiKey Key, string? Secret);
