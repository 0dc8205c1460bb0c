namespace Graft.Audit;

/// <summary>
/// A field's resolved data-use policy: what the spec said, filled in by what the audit found
/// (see <see cref="DataUsePolicy"/>), with the reason in words.
/// </summary>
public sealed record FieldUse(bool Train, bool Inference, bool Log, bool Sensitive, string Reason);
