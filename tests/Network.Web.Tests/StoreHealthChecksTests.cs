using System.Reflection;
using Microsoft.Extensions.Time.Testing;
using Network.Analysis.Domain;
using Network.Api.Datasets;
using Network.Api.Health;
using Network.Data.Formats;
using Network.Data.Storage;

namespace Network.Web.Tests;

/// <summary>/health answers from what it holds when a store stops answering, and runs one check however many probes ask.</summary>
public sealed class StoreHealthChecksTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("network-health-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A real SQLite store whose health check waits while the gate is shut (a disk or server that stalls).</summary>
    public class StallingStore : DispatchProxy
    {
        public INetworkStore Inner { get; set; } = null!;
        public TaskCompletionSource Gate { get; set; } = Open();
        private int _checks;

        public int Checks => _checks;

        public static TaskCompletionSource Open()
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            gate.SetResult();
            return gate;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name != nameof(INetworkStore.CheckHealthAsync))
                return targetMethod.Invoke(Inner, args);
            Interlocked.Increment(ref _checks);
            return CheckWhenOpen((CancellationToken)args![0]!);
        }

        private async Task<StoreHealth> CheckWhenOpen(CancellationToken cancellationToken)
        {
            await Gate.Task;
            return await Inner.CheckHealthAsync(cancellationToken);
        }
    }

    /// <summary>A catalog with one dataset whose store is a <see cref="StallingStore"/> around a real SQLite file.</summary>
    private async Task<(DatasetCatalog Catalog, StallingStore Stalling)> Stalling(string name, IReadOnlyList<Node> nodes)
    {
        var store = DispatchProxy.Create<INetworkStore, StallingStore>();
        var stalling = (StallingStore)(object)store;
        stalling.Inner = new SqliteNetworkStore(Path.Combine(_folder, name + ".db"));
        var catalog = new DatasetCatalog(_folder, (_, _) => store, new ShippedData(null));
        await catalog.CreateAsync(new DatasetInfo(name, name.ToUpperInvariant(), false, "test"), new NetworkGraph(nodes, [], 0));
        return (catalog, stalling);
    }

    [Fact]
    public async Task AStalledStoreLeavesEveryProbeWithTheHeldStateAndOneCheck()
    {
        var (catalog, stalling) = await Stalling("d", [new Organisation("org-a", "A", "company", "test")]);
        using var _ = catalog;
        var time = new FakeTimeProvider();
        var checks = new StoreHealthChecks(catalog, time);

        var fresh = await checks.CheckAsync("d", CancellationToken.None);
        Assert.True(fresh.Healthy);
        Assert.Equal(1, fresh.Nodes);
        Assert.Equal(1, stalling.Checks);

        stalling.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probes = Enumerable.Range(0, 50).Select(_ => checks.CheckAsync("d", CancellationToken.None)).ToList();
        // The shared check has reached the stalled store before the budget runs out.
        Assert.True(SpinWait.SpinUntil(() => stalling.Checks == 2, TimeSpan.FromSeconds(30)), "the second check never started");
        time.Advance(StoreHealthChecks.Budget);
        var answers = await Task.WhenAll(probes);

        // Fifty probes, one check; each answered with the state held from the last check, said to be that old.
        Assert.Equal(2, stalling.Checks);
        Assert.All(answers, a => Assert.True(a.Healthy && a.Nodes == 1));
        Assert.All(answers, a => Assert.Contains("has not answered for 1 s", a.Detail));

        // When the store answers again, the next probe hears it — from a check that began after the stalled one, as
        // every probe that arrived while a check ran is answered by the one that follows it, never by an older one.
        stalling.Gate.SetResult();
        var recovered = await checks.CheckAsync("d", CancellationToken.None);
        Assert.DoesNotContain("has not answered", recovered.Detail);
        Assert.True(stalling.Checks >= 3, $"{stalling.Checks} checks: the probes that waited were answered by a later check");
    }

    [Fact]
    public async Task AStoreNeverCheckedThatStallsIsUnhealthy()
    {
        var (catalog, stalling) = await Stalling("e", []);
        using var _ = catalog;
        stalling.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var time = new FakeTimeProvider();
        var probe = new StoreHealthChecks(catalog, time).CheckAsync("e", CancellationToken.None);
        Assert.True(SpinWait.SpinUntil(() => stalling.Checks == 1, TimeSpan.FromSeconds(30)), "the check never started");
        // With nothing held, the first probe waits longer than the usual budget for a real answer.
        time.Advance(StoreHealthChecks.Budget);
        Assert.False(probe.IsCompleted);
        time.Advance(StoreHealthChecks.FirstBudget - StoreHealthChecks.Budget);
        var answer = await probe;
        Assert.False(answer.Healthy);
        Assert.Contains("has not answered within 30 s", answer.Detail);
        stalling.Gate.SetResult();
    }
}
