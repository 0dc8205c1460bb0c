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

    public async Task<CreatedKey> CreateAsync(Role role, string? useCaseId, DateTime? expiresAt, string? name, CancellationToken cancellationToken)
    {
        if (role == Role.App && useCaseId is null)
        {
            throw GraftException.Invalid("an app key is limited to one use case; give --usecase");
        }
        if (expiresAt is { } e && e <= home.Now)
        {
            throw GraftException.Invalid("the expiry is in the past");
        }
        await using var db = home.CreateDb();
        if (useCaseId is not null && !await db.UseCases.AnyAsync(u => u.Id == useCaseId, cancellationToken))
        {
            throw GraftException.NotFound($"no use case '{useCaseId}'");
        }
        var secret = "graft_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey(NewId(), Hash(secret), role, useCaseId, name, home.Now, expiresAt);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedKey(key, secret);
    }

    /// <summary>
    /// On a store with no keys, makes the first admin key: the one in <see cref="BootstrapVariable"/> when set,
    /// otherwise a new one whose secret is returned to be shown once. Null when keys already exist.
    /// </summary>
    public async Task<CreatedKey?> BootstrapAsync(string? givenSecret, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        if (await db.ApiKeys.AnyAsync(cancellationToken))
        {
            return null;
        }
        if (givenSecret is not null && givenSecret.Length < MinimumSecretLength)
        {
            throw GraftException.Invalid($"{BootstrapVariable} must be at least {MinimumSecretLength} characters");
        }
        var secret = givenSecret ?? "graft_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey(NewId(), Hash(secret), Role.Admin, null, "bootstrap admin", home.Now, null);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedKey(key, givenSecret is null ? secret : null);
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

    public async Task<ApiKey> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken) ?? throw Unknown(id);
        key.Revoke(home.Now);
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    /// <summary>The key whose secret has this hash, active or not (see <see cref="KeyCache"/>, which answers requests).</summary>
    public async Task<ApiKey?> FindAsync(string secretHash, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        return await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.SecretSha256 == secretHash, cancellationToken);
    }

    private static GraftException Unknown(string id) => GraftException.NotFound($"no key '{id}' (graft keys list shows them)");

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string NewId() => "key_" + Base64Url(RandomNumberGenerator.GetBytes(6));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A key just made; <see cref="Secret"/> is shown once and never stored (null when the secret was supplied).</summary>
public sealed record CreatedKey(ApiKey Key, string? Secret);
