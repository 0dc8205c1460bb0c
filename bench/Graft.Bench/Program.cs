using Graft.Bench;

// Measures import, audit and training throughput on the hotel bookings data and compares `graft train`
// with a plain ML.NET LightGBM pipeline doing the same work on the same rows, in the same run.
var datasets = args.Length > 0 ? args[0] : Machine.FindDatasets();
var hotel = Path.Combine(datasets, "hotel", "hotel_bookings.csv");
Console.WriteLine(Machine.Describe());
Console.WriteLine();
await ThroughputBench.RunAsync(hotel);
Console.WriteLine();
await TrainingBench.RunAsync(hotel);
Console.WriteLine();
await ScoringBench.RunAsync();
