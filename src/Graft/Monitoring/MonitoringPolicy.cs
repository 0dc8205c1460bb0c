namespace Graft.Monitoring;

/// <summary>
/// How drift is judged (spec <c>monitoring</c>): the fewest current values a verdict needs, the share of drifted
/// fields that makes the dataset drifted, and a method and threshold for any field or for the score. Where the spec is
/// silent, a field with at most <see cref="SmallReference"/> reference values is tested (KS or chi-squared), a larger
/// one measured (Wasserstein or Jensen–Shannon), as Evidently chooses.
/// </summary>
public sealed record MonitoringPolicy
{
    public const int SmallReference = 1000;

    public int MinValues { get; init; } = 100;
    public double DriftShare { get; init; } = 0.5;
    public IReadOnlyDictionary<string, DriftSetting> Fields { get; init; } = new Dictionary<string, DriftSetting>();
    public DriftSetting? Score { get; init; }

    public static readonly MonitoringPolicy Default = new();

    public static (DriftMethod Method, double Threshold) For(FieldDistribution reference, DriftSetting? setting)
    {
        var numeric = reference.Kind != "categorical";
        var method = setting?.Method ?? (reference.Rows <= SmallReference
            ? numeric ? DriftMethod.Ks : DriftMethod.ChiSquare
            : numeric ? DriftMethod.Wasserstein : DriftMethod.JensenShannon);
        return (method, setting?.Threshold ?? method.DefaultThreshold());
    }
}

/// <summary>One field's method and threshold, either of which may be left to the default.</summary>
public sealed record DriftSetting(DriftMethod? Method, double? Threshold);
