using System.Globalization;

namespace Graft.Training;

/// <summary>One setting of one trainer family tried during a training run, e.g. LightGBM with 31 leaves.</summary>
public sealed record CandidateConfig(string Family, string Trainer, IReadOnlyDictionary<string, double> Parameters)
{
    public double this[string name] => Parameters[name];

    public string Describe() =>
        string.Join(", ", Parameters.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value:G4}")));
}
