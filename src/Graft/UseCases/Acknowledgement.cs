namespace Graft.UseCases;

/// <summary>A named person's decision that a blocking audit finding is understood and may stand.</summary>
public sealed record Acknowledgement(string Code, string Field, string By, string Reason);
