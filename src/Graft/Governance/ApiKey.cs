namespace Graft.Governance;

/// <summary>
/// An API key as stored: only the SHA-256 of its secret, never the secret itself, with its role, the use case
/// the key is limited to (always set for an app key), and when it expires or was revoked.
/// </summary>
public sealed class ApiKey
{
    private ApiKey() { }

    public ApiKey(string id, string secretSha256, Role role, string? useCaseId, string? name, DateTime createdAt, DateTime? expiresAt)
    {
        Id = id;
        SecretSha256 = secretSha256;
        Role = role;
        UseCaseId = useCaseId;
        Name = name;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public string Id { get; private set; } = "";
    public string SecretSha256 { get; private set; } = "";
    public Role Role { get; private set; }
    public string? UseCaseId { get; private set; }
    public string? Name { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? ExpiresAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }

    public bool IsActive(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    public void Revoke(DateTime now) => RevokedAt ??= now;
}
