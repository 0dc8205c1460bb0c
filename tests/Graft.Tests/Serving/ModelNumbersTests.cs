using Graft.Serving;

namespace Graft.Tests.Serving;

public class ModelNumbersTests
{
    [Theory]
    [InlineData(0.61370003f, 0.6137)]
    [InlineData(12.34f, 12.34)]
    [InlineData(-0.000123456789f, -0.0001234568)]
    [InlineData(1f, 1)]
    public void A_models_float_is_shown_with_its_seven_significant_digits(float value, double shown)
    {
        Assert.Equal(shown, ModelNumbers.Shown(value));
        Assert.InRange(Math.Abs(ModelNumbers.Shown(value) - value), 0, 5e-7 * Math.Abs(value)); // seven digits of the model's number
    }

    [Fact]
    public void Numbers_a_decimal_cannot_hold_are_shown_as_they_are()
    {
        Assert.True(double.IsNaN(ModelNumbers.Shown(float.NaN)));
        Assert.Equal((double)float.PositiveInfinity, ModelNumbers.Shown(float.PositiveInfinity));
        Assert.Equal((double)3e30f, ModelNumbers.Shown(3e30f));
        Assert.Equal((double)3e-25f, ModelNumbers.Shown(3e-25f)); // a decimal would round it to nothing
    }

    [Theory]
    [InlineData(0.268554151058197, 0.2685542)]
    [InlineData(0.5, 0.5)]
    [InlineData(null, 0.5)]
    public void A_threshold_is_shown_and_decided_on_with_the_scores_seven_digits(double? trained, double shown)
    {
        var card = new Graft.Registry.ModelCard("toy-v1", "toy", Graft.UseCases.TaskKind.Binary, "lightgbm", "LightGbm", [], ["no", "yes"], "yes", trained, []);

        Assert.Equal(shown, ModelNumbers.Threshold(card));
    }
}
