using Graft.Bench;

// Measures import, audit and training throughput on the hotel bookings data, compares `graft train` with a plain
// ML.NET LightGBM pipeline doing the same work on the same rows, measures scoring in process, and what the
// placeholders for personal data cost a text, how fast a million-entry audit trail verifies, what a shadow challenger
// costs a request, how fast a kill reaches a loaded server from another process, what live quality costs to compute,
// how fast outcomes join a log of 10 million predictions by entity, the review queue's latency with a million items,
// what drift costs from raw rows and from summaries, beside SciPy, and what the model tests add to training.
// Usage: dotnet run -c Release --project bench/Graft.Bench [datasets-folder] [throughput|training|scoring|log|placeholders|trail|challenger|kill|quality|outcomes|queue|drift|modeltests ...]
string[] stages = ["throughput", "training", "scoring", "log", "placeholders", "trail", "challenger", "kill", "quality", "outcomes", "queue", "drift", "modeltests"];
var chosen = args.Where(stages.Contains).ToHashSet();
// Looked for only by the stages that read one (the log, the trail, the challenger and the kill switch make their own data).
string Dataset(params string[] path) => Path.Combine([args.FirstOrDefault(a => !stages.Contains(a)) ?? Machine.FindDatasets(), .. path]);
var runs = (string stage) => chosen.Count == 0 || chosen.Contains(stage);
Console.WriteLine(Machine.Describe());
if (runs("throughput"))
{
    Console.WriteLine();
    await ThroughputBench.RunAsync(Dataset("hotel", "hotel_bookings.csv"));
}
if (runs("training"))
{
    Console.WriteLine();
    await TrainingBench.RunAsync(Dataset("hotel", "hotel_bookings.csv"));
}
if (runs("modeltests"))
{
    Console.WriteLine();
    await ModelTestBench.RunAsync(Dataset("hotel", "hotel_bookings.csv"));
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
    PlaceholderBench.Run(Dataset("banking77", "train.csv"));
}
if (runs("trail"))
{
    Console.WriteLine();
    await TrailBench.RunAsync();
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
if (runs("quality"))
{
    Console.WriteLine();
    LiveQualityBench.Run();
}
if (runs("outcomes"))
{
    Console.WriteLine();
    await OutcomeBench.RunAsync();
}
if (runs("queue"))
{
    Console.WriteLine();
    await ReviewQueueBench.RunAsync();
}
if (runs("drift"))
{
    Console.WriteLine();
    DriftBench.Run();
}
