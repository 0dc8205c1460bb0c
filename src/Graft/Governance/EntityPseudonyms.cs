using System.Security.Cryptography;
using System.Text;
using Graft.Audit;

namespace Graft.Governance;

/// <summary>
/// Keyed hashes of entity ids, so the store can join outcomes to predictions by entity without holding the id
/// itself when it is personal data (an email, a phone number) or when the spec asks for it. A pseudonym is
/// <c>hmac:&lt;key id&gt;:&lt;32 hex digits&gt;</c>, HMAC-SHA256 under a per-store secret that is kept outside the database:
/// the environment variable <see cref="Variable"/>, else the file <see cref="FileName"/> in the store's folder, made
/// on first use (readable by its owner only). Rotation (docs/api.md): a new secret goes first in the file, older
/// ones stay below it; new records use the first, and <see cref="Candidates"/> gives an id's pseudonym under each,
/// so a join still finds records made before the rotation.
/// </summary>
public sealed class EntityPseudonyms
{
    public const string Variable = "GRAFT_ENTITY_KEY";
    public const string FileName = "entity-keys";
    private const int MinimumSecretBytes = 32;

    private readonly (string Id, byte[] Secret)[] _keys;

    private EntityPseudonyms((string Id, byte[] Secret)[] keys) => _keys = keys;

    /// <summary>From the secrets given, the first the current one (one per line in the file).</summary>
    public static EntityPseudonyms FromSecrets(IEnumerable<string> secrets)
    {
        var keys = secrets.Select(s => s.Trim()).Where(s => s.Length > 0 && !s.StartsWith('#')).Select(Key).ToArray();
        return keys.Length > 0 ? new EntityPseudonyms(keys) : throw GraftException.Invalid("no entity key is given");
    }

    /// <summary>The store's secrets: <see cref="Variable"/> when set, else its file, made with a new secret when absent.</summary>
    public static EntityPseudonyms Open(string root)
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return FromSecrets(given.Split(',', '\n'));
        }
        var path = Path.Combine(root, FileName);
        if (!File.Exists(path))
        {
            Create(path);
        }
        return FromSecrets(File.ReadAllLines(path));
    }

    /// <summary>The current pseudonym of an entity id.</summary>
    public string Of(string entityId) => Under(_keys[0], entityId);

    /// <summary>The id's pseudonym under every key, the current one first: what a join by entity looks for.</summary>
    public IEnumerable<string> Candidates(string entityId) => _keys.Select(k => Under(k, entityId));

    /// <summary>
    /// Whether an id is itself personal data, or holds some: an email, a phone, card or national id number, a person's
    /// name, anything the log would replace by a placeholder in a text.
    /// </summary>
    public static bool LooksPersonal(string entityId) =>
        SensitivePatterns.Classify(entityId) != SensitiveKind.None || TextPlaceholders.Apply(entityId) != entityId;

    private static string Under((string Id, byte[] Secret) key, string entityId) =>
        $"hmac:{key.Id}:{Convert.ToHexStringLower(HMACSHA256.HashData(key.Secret, Encoding.UTF8.GetBytes(entityId)))[..32]}";

    private static (string, byte[]) Key(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        if (bytes.Length < MinimumSecretBytes)
        {
            throw GraftException.Invalid($"an entity key must be at least {MinimumSecretBytes} characters");
        }
        return (Convert.ToHexStringLower(SHA256.HashData(bytes))[..8], bytes); // the id names the key without revealing it
    }

    private static void Create(string path) => SecretFile.CreateOnce(path,
        $"# Graft's entity key: entity ids are stored as HMAC-SHA256 pseudonyms under the first line. Keep it out of backups of graft.db.\n{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}\n");
}
