namespace Graft.Monitoring;

/// <summary>How a field's drift is measured (spec <c>monitoring.fields.&lt;field&gt;.method</c>), and what its threshold means.</summary>
public enum DriftMethod
{
    /// <summary>Two-sample Kolmogorov–Smirnov, numeric fields: drift when the p-value is below the threshold (0.05).</summary>
    Ks,
    /// <summary>Pearson's chi-squared, categorical fields: drift when the p-value is below the threshold (0.05).</summary>
    ChiSquare,
    /// <summary>Wasserstein distance over the reference's standard deviation, numeric fields: drift at or above the threshold (0.1).</summary>
    Wasserstein,
    /// <summary>Jensen–Shannon distance, categorical fields: drift at or above the threshold (0.1).</summary>
    JensenShannon,
    /// <summary>Population stability index over the training bins, any field: drift at or above the threshold (0.1).</summary>
    Psi,
}

public static class DriftMethods
{
    public static readonly IReadOnlyDictionary<string, DriftMethod> Names = new Dictionary<string, DriftMethod>(StringComparer.Ordinal)
    {
        ["ks"] = DriftMethod.Ks,
        ["chisquare"] = DriftMethod.ChiSquare,
        ["wasserstein"] = DriftMethod.Wasserstein,
        ["jensenshannon"] = DriftMethod.JensenShannon,
        ["psi"] = DriftMethod.Psi,
    };

    public static string Name(this DriftMethod method) => Names.First(n => n.Value == method).Key;

    /// <summary>Tests give a p-value, and drift is a small one; the others give a distance, and drift is a large one.</summary>
    public static bool IsTest(this DriftMethod method) => method is DriftMethod.Ks or DriftMethod.ChiSquare;

    public static double DefaultThreshold(this DriftMethod method) => method.IsTest() ? 0.05 : 0.1;

    public static bool ForNumbers(this DriftMethod method) => method is not DriftMethod.ChiSquare and not DriftMethod.JensenShannon;

    public static bool ForCategories(this DriftMethod method) => method is not DriftMethod.Ks and not DriftMethod.Wasserstein;
}
