namespace Graft.UseCases;

/// <summary>
/// How held-out data is chosen. <c>auto</c> is time-based when the spec names a timestamp and stratified random
/// otherwise. A time split trains on rows before <see cref="TestFrom"/> (default: the last
/// <see cref="TestFraction"/> of the time range by row count) and tests on the rest.
/// </summary>
public sealed record SplitSpec(string Kind = "auto", double TestFraction = 0.2, DateTime? TestFrom = null, int Seed = 42);
