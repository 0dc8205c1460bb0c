using System.Diagnostics.CodeAnalysis;

namespace Graft.Data.Demo;

/// <summary>The seeded draws the demo dataset is built from: same seed, same data, on every machine.</summary>
[SuppressMessage(
    "Security",
    "CA5394:Do not use insecure randomness",
    Justification = "Synthetic demo data must be reproducible from a seed; nothing drawn here is a secret.")]
internal sealed class DemoRandom(int seed)
{
    private readonly Random random = new(seed);

    public double Uniform() => random.NextDouble();

    public int Between(int minInclusive, int maxExclusive) => random.Next(minInclusive, maxExclusive);

    public bool Chance(double probability) => random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public double Normal(double mean, double standardDeviation)
    {
        // Box–Muller; 1 - u keeps the logarithm away from zero.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + (standardDeviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    public int Poisson(double mean)
    {
        // Knuth's method: exact and fast for the small means counts have here.
        var limit = Math.Exp(-mean);
        var count = 0;
        var product = random.NextDouble();
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }

        return count;
    }

    public T Weighted<T>(params ReadOnlySpan<(T Value, double Weight)> choices)
    {
        var total = 0.0;
        foreach (var choice in choices)
        {
            total += choice.Weight;
        }

        var target = random.NextDouble() * total;
        foreach (var choice in choices)
        {
            target -= choice.Weight;
            if (target < 0)
            {
                return choice.Value;
            }
        }

        return choices[^1].Value;
    }
}
