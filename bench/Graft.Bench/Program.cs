using Graft.Bench;

// Measures import, audit and training throughput on the hotel bookings data, compares `graft train` with a plain
// ML.NET LightGBM pipeline doing the same work on the same rows, measures scoring in process, and what the
// placeholders for personal data cost a text, what a shadow challenger costs a request, and how fast a kill reaches a
// loaded server from another process.
// Usage: dotnet run -c Release --project bench/Graft.Bench [datasets-folder] [throughput|training|scoring|log|placeholders|challenger|kill ...]
string[] stages = ["throughput", "training", "scoring", "log", "placeholders", "challenger", "kill"];
var chosen = args.Where(stages.Contains).ToHashSet();
var datasets = args.FirstOrDefault(a => !stages.Contains(a)) ?? Machine.FindDatasets();
var hotel = Path.Combine(datasets, "hotel", "hotel_bookings.csv");
var runs = (string stage) => chosen.Count == 0 || chosen.Contains(stage);
Console.WriteLine(Machine.Describe());
if (runs("throughput"))
{
    Console.WriteLine();
    await ThroughputBench.RunAsync(hotel);
}
if (runs("training"))
{
    Console.WriteLine();
    await TrainingBench.RunAsync(hotel);
}
if (runs("scoring"))
{
    Console.WriteLine();
    await ScoringBench.RunAsync();
}
if (runs("log"))
{
    Console.WriteLine();
    await LogBench.RunAsync();
}
if (runs("placeholders"))
{
    Console.WriteLine();
    PlaceholderBench.Run(Path.Combine(datasets, "banking77", "train.csv"));
}
if (runs("challenger"))
{
    Console.WriteLine();
    await ChallengerBench.RunAsync();
}
if (runs("kill"))
{
    Console.WriteLine();
    await KillSwitchBench.RunAsync();
}
