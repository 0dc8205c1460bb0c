namespace Graft.Training.Evaluation;

/// <summary>The metric names: a public contract, written to reports, configuration and storage.</summary>
public static class MetricNames
{
    public const string RocAuc = "roc_auc";
    public const string PrAuc = "pr_auc";
    public const string Accuracy = "accuracy";
    public const string Precision = "precision";
    public const string Recall = "recall";
    public const string F1 = "f1";
    public const string LogLoss = "log_loss";
    public const string Brier = "brier";
    public const string Ece = "ece";
    public const string PositiveRate = "positive_rate";
    public const string PredictedPositiveRate = "predicted_positive_rate";

    public const string MacroF1 = "macro_f1";
    public const string WeightedF1 = "weighted_f1";
    public const string MacroPrecision = "macro_precision";
    public const string MacroRecall = "macro_recall";
    public const string Top3Accuracy = "top3_accuracy";

    public const string Rmse = "rmse";
    public const string Mae = "mae";
    public const string R2 = "r2";
    public const string Mape = "mape";
}
