namespace Graft.Registry;

/// <summary>One dataset version a model version learned from: its id, the SHA-256 of its file, and its rows (null when not recorded).</summary>
public sealed record LineageDataset(string Id, string Sha256, int? Rows);
