using System.Text;
using Graft.Data;
using Graft.Data.Demo;
using Graft.Training.Rules;
using Graft.UseCases;

namespace Graft.Tests.Data.Demo;

public class ChurnDemoSpecTests
{
    private static readonly UseCaseSpec Spec = SpecReader.Parse(ChurnDemoData.SpecYaml, "churn-risk.yaml");

    [Fact]
    public void The_spec_names_the_use_case_its_label_and_its_baseline_rule()
    {
        Assert.Equal("churn-risk", Spec.Id);
        Assert.Equal(TaskKind.Binary, Spec.Task);
        Assert.Equal(("churned", "Yes"), (Spec.TargetColumn, Spec.TargetPositive));
        Assert.Equal("contract == 'Month-to-month' and tenure_months < 12", Spec.Rule);
        Assert.Equal("roc_auc", Spec.Metric);
        Assert.Equal("rule", Spec.Fallback);
        Assert.Equal(["cancellation_reason"], Spec.Exclude);
    }

    [Fact]
    public void The_spec_fits_the_data_the_demo_generates_and_its_rule_reads_only_columns_it_has()
    {
        var text = new StringWriter();
        ChurnDemoData.Write(text, 500, 42);
        var frame = DelimitedFile.Read(Encoding.UTF8.GetBytes(text.ToString()), "customers.csv");

        Assert.Empty(SpecDataCheck.Check(Spec, frame));
        RuleExpression.Parse(Spec.Rule!).Bind(frame.Names); // throws naming the field when one is missing
    }
}
