namespace Graft.Training.Evaluation;

/// <summary>One populated bin of a reliability diagram: what the model said versus what happened.</summary>
public sealed record CalibrationBin(double MeanScore, double PositiveRate, int Count);
