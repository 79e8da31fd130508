// Dashboards and reports observe every run of the process (ComputeObservers), so a test that
// computes would show up in another test's dashboard: the tests of this assembly run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
