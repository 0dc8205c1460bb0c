namespace Graft.Training.Evaluation;

/// <summary>All rows sharing one score. Ranking metrics treat a tie as a single threshold step.</summary>
internal readonly record struct ScoreTie(double Score, int Positives, int Negatives);
