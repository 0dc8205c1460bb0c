using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Graft.Governance;

/// <summary>
/// The Ed25519 key that signs the trail's checkpoints, kept outside the database so that someone who can rewrite the
/// database cannot sign a rewritten trail: the environment variable <see cref="Variable"/> (the 32-byte private key in
/// base64), else the file <see cref="FileName"/> in the store's folder, made on first use, readable by its owner only.
/// Keep it elsewhere than the store (a secret manager, the variable) to guard against someone who holds the folder.
/// </summary>
public sealed class TrailKey
{
    public const string Variable = "GRAFT_TRAIL_KEY";
    public const string FileName = "trail-key";

    private readonly Ed25519PrivateKeyParameters _private;
    private readonly Ed25519PublicKeyParameters _public;

    private TrailKey(byte[] seed)
    {
        _private = new Ed25519PrivateKeyParameters(seed);
        _public = _private.GeneratePublicKey();
        PublicKey = Convert.ToHexStringLower(_public.GetEncoded());
    }

    /// <summary>The public half, in hex: what an auditor verifies checkpoints with.</summary>
    public string PublicKey { get; }

    /// <summary>The key from its private half in base64 (32 bytes).</summary>
    public static TrailKey FromSecret(string base64)
    {
        byte[] seed;
        try
        {
            seed = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            seed = [];
        }
        return seed.Length == Ed25519PrivateKeyParameters.KeySize
            ? new TrailKey(seed)
            : throw GraftException.Invalid($"a trail key is {Ed25519PrivateKeyParameters.KeySize} bytes in base64 ({Variable} or {FileName})");
    }

    /// <summary>The store's key, made (in its file) when it has none yet: what writing a checkpoint uses.</summary>
    public static TrailKey Open(string root)
    {
        if (OpenExisting(root) is { } key)
        {
            return key;
        }
        SecretFile.CreateOnce(Path.Combine(root, FileName),
            $"# Graft's trail key (Ed25519, private): it signs the audit trail's checkpoints. Keep it out of backups of graft.db.\n{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}\n");
        return OpenExisting(root)!;
    }

    /// <summary>The store's key, or null when it has none: verifying never makes one.</summary>
    public static TrailKey? OpenExisting(string root)
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return FromSecret(given);
        }
        var path = Path.Combine(root, FileName);
        return File.Exists(path) ? FromSecret(File.ReadLines(path).First(l => l.Length > 0 && !l.StartsWith('#'))) : null;
    }

    public byte[] Sign(byte[] message)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _private);
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }

    public bool Verifies(byte[] message, byte[] signature)
    {
        var verifier = new Ed25519Signer();
        verifier.Init(false, _public);
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature);
    }
}
