using Graft.Monitoring;
using Graft.UseCases;

namespace Graft.Tests.Monitoring;

/// <summary>The spec's <c>monitoring</c> key: its defaults, what it sets, and each mistake named by its key.</summary>
public class MonitoringSpecTests
{
    private const string Spec = """
        id: toy
        title: Toy
        task: binary
        target: { column: label, positive: "yes" }
        """;

    private static SpecException Fail(string yaml) => Assert.Throws<SpecException>(() => SpecReader.Parse(Spec + "\n" + yaml, "spec.yaml"));

    [Fact]
    public void Without_the_key_drift_follows_the_defaults()
    {
        var policy = SpecReader.Parse(Spec).Monitoring;
        Assert.Equal((100, 0.5, 0, (DriftSetting?)null), (policy.MinValues, policy.DriftShare, policy.Fields.Count, policy.Score));
        var small = ReferenceProfile.Numeric("x", [.. Enumerable.Range(0, 1_000).Select(i => (double)i)]);
        var large = ReferenceProfile.Numeric("x", [.. Enumerable.Range(0, 1_001).Select(i => (double)i)]);
        Assert.Equal((DriftMethod.Ks, 0.05), MonitoringPolicy.For(small, null));
        Assert.Equal((DriftMethod.Wasserstein, 0.1), MonitoringPolicy.For(large, null));
        Assert.Equal((DriftMethod.ChiSquare, 0.05), MonitoringPolicy.For(ReferenceProfile.Categorical("c", ["a", "b"]), null));
        Assert.Equal((DriftMethod.Psi, 0.1), MonitoringPolicy.For(large, new DriftSetting(DriftMethod.Psi, null)));
    }

    [Fact]
    public void The_spec_sets_the_minimum_the_share_and_each_fields_method_and_threshold()
    {
        var policy = SpecReader.Parse(Spec + """

            monitoring:
              min_values: 250
              drift_share: 0.3
              score: { method: psi, threshold: 0.2 }
              fields:
                x: { method: ks }
                colour: { threshold: 0.05 }
            """).Monitoring;
        Assert.Equal((250, 0.3), (policy.MinValues, policy.DriftShare));
        Assert.Equal(new DriftSetting(DriftMethod.Psi, 0.2), policy.Score);
        Assert.Equal(new DriftSetting(DriftMethod.Ks, null), policy.Fields["x"]);
        Assert.Equal(new DriftSetting(null, 0.05), policy.Fields["colour"]);
    }

    [Theory]
    [InlineData("monitoring: { every: 5m }", "monitoring.every")]
    [InlineData("monitoring: { drift_share: 2 }", "monitoring.drift_share")]
    [InlineData("monitoring: { min_values: 0 }", "monitoring.min_values")]
    [InlineData("monitoring: { score: { method: t_test } }", "monitoring.score.method")]
    [InlineData("monitoring: { fields: { x: { method: ks, threshold: 5 } } }", "monitoring.fields.x.threshold")]
    [InlineData("monitoring: { fields: { x: { threshold: 0 } } }", "monitoring.fields.x.threshold")]
    [InlineData("monitoring: { fields: { x: { cutoff: 1 } } }", "monitoring.fields.x.cutoff")]
    [InlineData("monitoring: { fields: [x] }", "monitoring.fields")]
    public void A_mistake_is_named_by_its_key(string yaml, string key)
    {
        Assert.Contains(Fail(yaml).Errors, e => e.Key == key);
    }

    [Fact]
    public void A_drift_setting_for_a_field_the_data_lacks_is_named_with_the_closest_one()
    {
        var spec = SpecReader.Parse(Spec + "\nmonitoring: { fields: { colur: { method: psi } } }");
        var error = Assert.Single(SpecDataCheck.CheckNames(spec, ["x", "colour", "label"]));
        Assert.Equal("monitoring.fields.colur", error.Key);
        Assert.Contains("did you mean 'colour'", error.Message);
    }
}
