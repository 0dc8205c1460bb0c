using System.Text.Encodings.Web;
using System.Text.Json;

namespace Graft.Governance;

/// <summary>
/// An entry as the CLI, the API and exports show it: every field, hashes in hex, and before and after as the JSON text
/// that was hashed (a string, so that re-verifying it elsewhere needs no JSON re-serialization that could change a byte).
/// </summary>
public sealed record TrailEntryView(
    long Sequence, DateTime At, string Actor, string Role, string Act, string? UseCase, string Subject, string? Reason,
    string? Before, string? After, string PreviousHash, string Hash)
{
    /// <summary>How an export writes a line: snake_case, and the quotes inside before and after as <c>\"</c>, not <c>\u0022</c>, so that it reads as hashed.</summary>
    public static readonly JsonSerializerOptions Json = new(Registry.ModelRegistry.Json) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TrailEntryView Of(TrailEntry e) => new(
        e.Sequence, DateTime.SpecifyKind(e.At, DateTimeKind.Utc), e.ActorId, e.ActorRole, e.Act, e.UseCaseId, e.Subject, e.Reason,
        e.Before, e.After, Convert.ToHexStringLower(e.PreviousHash), Convert.ToHexStringLower(e.Hash));
}
