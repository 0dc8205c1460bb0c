using Graft.Data.Demo;
using YamlDotNet.Serialization;

namespace Graft.Tests.Data.Demo;

public class ChurnDemoSpecTests
{
    private static readonly Dictionary<string, object> Spec =
        new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(ChurnDemoData.SpecYaml);

    [Fact]
    public void The_spec_names_the_use_case_its_label_and_its_baseline_rule()
    {
        var target = Assert.IsType<Dictionary<object, object>>(Spec["target"]);

        Assert.Equal("churn-risk", Spec["id"]);
        Assert.Equal("binary", Spec["task"]);
        Assert.Equal("churned", target["column"]);
        Assert.Equal("Yes", target["positive"]);
        Assert.Equal("contract == 'Month-to-month' and tenure_months < 12", Spec["rule"]);
        Assert.Equal("roc_auc", Spec["metric"]);
        Assert.Equal("rule", Spec["fallback"]);
    }

    [Fact]
    public void Every_column_the_spec_names_exists_in_the_dataset()
    {
        var header = ChurnDemoTable.Default.Header;
        var target = (Dictionary<object, object>)Spec["target"];
        var excluded = Assert.IsType<List<object>>(Spec["exclude"]);

        Assert.Contains((string)target["column"], header);
        Assert.Contains((string)Spec["entity"], header);
        Assert.Contains((string)Spec["timestamp"], header);
        Assert.Equal(["cancellation_reason"], excluded.Cast<string>());
    }
}
