namespace Graft.Governance;

/// <summary>Which entries to read: of one use case, at or after a time; <see cref="Limit"/> keeps the latest that many.</summary>
public sealed record TrailFilter(string? UseCase = null, DateTime? Since = null, int? Limit = null);
