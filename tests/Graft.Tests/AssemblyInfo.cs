// Tests that load real datasets or train models share one machine's two cores; run classes one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = false, MaxParallelThreads = 2)]
