namespace Graft.Governance;

/// <summary>
/// What verifying the trail found: whether it is whole, how many entries it holds, and the sequence number of the first
/// bad one with what is wrong with it (both null when it is whole); then how many checkpoints were checked, and the hash
/// of the last entry (what an auditor notes to detect a later truncation).
/// </summary>
public sealed record TrailVerification(bool Ok, long Entries, long? FirstBad, string? Problem, int Checkpoints, string? LastHash, string? PublicKey);
