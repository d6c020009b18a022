using Network.Analysis.Domain;
using Network.Data.Storage;

namespace Network.Data.Tests.Storage;

/// <summary>
/// What every <see cref="INetworkStore"/> must do, written against the interface only. Each store binds it by
/// deriving and saying how to make an empty store; the Neo4j store runs this same code.
/// </summary>
public abstract class NetworkStoreContract : IDisposable
{
    private readonly List<IDisposable> _created = [];

    /// <summary>A new, empty store.</summary>
    protected abstract INetworkStore CreateEmptyStore();

    /// <summary>A second, independent client of the same store (another connection or process view).</summary>
    protected abstract INetworkStore OpenAgain(INetworkStore store);

    protected INetworkStore NewStore()
    {
        var store = CreateEmptyStore();
        if (store is IDisposable d)
            _created.Add(d);
        return store;
    }

    protected INetworkStore Track(INetworkStore store)
    {
        if (store is IDisposable d)
            _created.Add(d);
        return store;
    }

    public void Dispose()
    {
        foreach (var d in _created)
            d.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>One node of every label and one relationship of every type, with names in several scripts.</summary>
    public static NetworkGraph EveryKind()
    {
        Node[] nodes =
        [
            new Organisation("org-ü", "Université catholique de Louvain — «Ω» 北京 🚀", "university", "doc “1”, line 2")
            {
                Sectors = ["sector-λ"], Stages = ["research", "finance"], Member = true, MemberSince = new DateOnly(2016, 6, 1),
                Website = "https://example.org/ü", Country = "BE",
            },
            new Organisation("org-2", "Zoë's Café & Co <b>", "company", "src"),
            new Person("person-ø", "Søren Ødegård", "src") { Role = "schepen van economie" },
            new City("city-1", "Kraków", "PL", "src") { Region = "Małopolska" },
            new City("city-2", "Leuven", "BE", "src"),
            new Agreement("agr-1", "Fonds “Clean” 無錫", "fund", "src") { SignedOn = new DateOnly(2018, 11, 5), ValidFrom = new DateOnly(2018, 11, 5), ValidTo = new DateOnly(2028, 11, 4) },
            new Sector("sector-λ", "Life & health — λ", "src"),
            new Event("event-1", "Forum in Wuxi 无锡", "forum", "src") { Date = new DateOnly(2018, 11, 1) },
        ];
        Relationship[] relationships =
        [
            new(RelationshipType.WorksFor, "person-ø", "org-ü", "src") { Role = "rector", Since = new DateOnly(2010, 1, 1), Until = new DateOnly(2020, 1, 1) },
            new(RelationshipType.LocatedIn, "org-ü", "city-2", "src"),
            new(RelationshipType.PartyTo, "org-ü", "agr-1", "src") { Role = "investor" },
            new(RelationshipType.PartyTo, "city-1", "agr-1", "src") { Role = "witness" },
            new(RelationshipType.Concerns, "agr-1", "sector-λ", "src"),
            new(RelationshipType.ActiveIn, "org-ü", "sector-λ", "src") { Stages = ["research", "pilot"] },
            new(RelationshipType.MemberOf, "org-2", "org-ü", "src") { Since = new DateOnly(2019, 2, 3) },
            new(RelationshipType.ParticipatedIn, "person-ø", "event-1", "src") { Role = "speaker" },
            new(RelationshipType.PartnersWith, "org-ü", "org-2", "src") { Kind = "supplier", Weight = 2.5 },
            new(RelationshipType.TwinnedWith, "city-1", "city-2", "src") { Since = new DateOnly(1990, 5, 1) },
        ];
        return new NetworkGraph(nodes, relationships, 0);
    }

    private static IEnumerable<string> Canonical(NetworkGraph graph) =>
        graph.Nodes.Select(GraphJson.Serialize).Concat(graph.Relationships.Select(GraphJson.Serialize)).Order(StringComparer.Ordinal);

    [Fact]
    public async Task RoundTripsEveryNodeAndRelationshipKindWithUnicodeNames()
    {
        var store = NewStore();
        var graph = EveryKind();
        Assert.Equal(Enum.GetValues<NodeLabel>().Length, graph.Nodes.Select(n => n.Label).Distinct().Count());
        Assert.Equal(Enum.GetValues<RelationshipType>().Length, graph.Relationships.Select(r => r.Type).Distinct().Count());

        await store.WriteAsync(GraphBatch.Of(graph));
        var loaded = await store.LoadGraphAsync();

        Assert.Equal(Canonical(graph), Canonical(loaded));
        var org = Assert.IsType<Organisation>(await store.GetNodeAsync("org-ü"));
        Assert.Equal("Université catholique de Louvain — «Ω» 北京 🚀", org.Name);
        Assert.Equal(new DateOnly(2016, 6, 1), org.MemberSince);
        Assert.Equal(["research", "finance"], org.Stages);
    }

    [Fact]
    public async Task AnEmptyStoreIsAtVersionZeroAndEveryWriteBumpsTheVersion()
    {
        var store = NewStore();
        Assert.Equal(0, await store.GetVersionAsync());
        var first = await store.UpsertNodeAsync(new Sector("s", "ICT", "src"));
        var second = await store.UpsertNodeAsync(new Sector("s", "ICT & software", "src"));
        Assert.Equal(1, first.Version);
        Assert.Equal(2, second.Version);
        Assert.Equal(2, await store.GetVersionAsync());
        Assert.Equal("ICT & software", (await store.GetNodeAsync("s"))!.DisplayName);
    }

    [Fact]
    public async Task AnInvalidNodeIsRefusedNamingTheFieldAndNothingIsWritten()
    {
        var store = NewStore();
        var bad = new Organisation("org-x", "X", "spaceship", "src");

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => store.UpsertNodeAsync(bad));

        var error = Assert.Single(failure.Errors);
        Assert.Equal("kind", error.Field);
        Assert.Contains("org-x", error.Where);
        Assert.Null(await store.GetNodeAsync("org-x"));
        Assert.Equal(0, await store.GetVersionAsync());
    }

    [Fact]
    public async Task ABatchWithOneBadRowWritesNothing()
    {
        var store = NewStore();
        var nodes = Enumerable.Range(1, 50).Select(i => (Node)new Person($"p{i}", $"Person {i}", "src")).ToList();
        var relationships = new List<Relationship> { new(RelationshipType.WorksFor, "p1", "org-missing", "src") };

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => store.WriteAsync(new GraphBatch { Nodes = nodes, Relationships = relationships }));

        Assert.Contains(failure.Errors, e => e.Field == "to" && e.Message.Contains("org-missing"));
        Assert.Empty((await store.LoadGraphAsync()).Nodes);
        Assert.Equal(0, await store.GetVersionAsync());
    }

    [Fact]
    public async Task AnIdCannotChangeItsLabel()
    {
        var store = NewStore();
        await store.UpsertNodeAsync(new City("x", "Leuven", "BE", "src"));
        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => store.UpsertNodeAsync(new Person("x", "Ann", "src")));
        Assert.Contains("already used by a City", failure.Errors.Single().Message);
        Assert.IsType<City>(await store.GetNodeAsync("x"));
    }

    [Fact]
    public async Task RelationshipsMayUseEndsStoredEarlier()
    {
        var store = NewStore();
        await store.WriteAsync(new GraphBatch { Nodes = [new Organisation("o", "imec", "research-institute", "src"), new City("c", "Leuven", "BE", "src")] });
        await store.UpsertRelationshipAsync(new Relationship(RelationshipType.LocatedIn, "o", "c", "src"));
        Assert.Single(await store.GetRelationshipsAsync("c"));
    }

    [Fact]
    public async Task ANodesRelationshipsComeWithTheirVersionsInOneRead()
    {
        var store = NewStore();
        await store.WriteAsync(new GraphBatch
        {
            Nodes = [new Organisation("o", "imec", "research-institute", "src"), new Organisation("p", "VIB", "research-institute", "src"), new City("c", "Leuven", "BE", "src")],
            Relationships = [new Relationship(RelationshipType.LocatedIn, "o", "c", "src")],
        });
        var later = await store.WriteAsync(new GraphBatch { Relationships = [new Relationship(RelationshipType.PartnersWith, "p", "o", "src") { Weight = 2 }] });
        var found = await store.GetVersionedRelationshipsAsync("o");
        Assert.Equal(2, found.Count);
        // Both directions, each with the version its own read would give.
        foreach (var relationship in found)
            Assert.Equal((await store.GetVersionedRelationshipAsync(relationship.Value.Key))!.Version, relationship.Version);
        Assert.Equal(later.Version, found.Single(r => r.Value.Type == RelationshipType.PartnersWith).Version);
        Assert.Empty(await store.GetVersionedRelationshipsAsync("nobody"));
    }

    [Fact]
    public async Task WritingTheSameRelationshipKeyReplacesIt()
    {
        var store = NewStore();
        await store.WriteAsync(GraphBatch.Of(EveryKind()));
        await store.UpsertRelationshipAsync(new Relationship(RelationshipType.PartnersWith, "org-ü", "org-2", "new source") { Weight = 7 });
        var partnerships = (await store.LoadGraphAsync()).OfType(RelationshipType.PartnersWith).ToList();
        var only = Assert.Single(partnerships);
        Assert.Equal(7, only.Weight);
        Assert.Equal("new source", only.Source);
    }

    [Fact]
    public async Task DeletingANodeDeletesItsRelationships()
    {
        var store = NewStore();
        await store.WriteAsync(GraphBatch.Of(EveryKind()));

        var result = await store.DeleteNodeAsync("org-ü");

        Assert.Equal(6, result.DeletedRelationships);
        var graph = await store.LoadGraphAsync();
        Assert.DoesNotContain(graph.Nodes, n => n.Id == "org-ü");
        Assert.DoesNotContain(graph.Relationships, r => r.From == "org-ü" || r.To == "org-ü");
        Assert.Equal(4, graph.Relationships.Count);
    }

    [Fact]
    public async Task DeletingARelationshipKeepsItsEnds()
    {
        var store = NewStore();
        await store.WriteAsync(GraphBatch.Of(EveryKind()));
        await store.DeleteRelationshipAsync(new RelationshipKey(RelationshipType.TwinnedWith, "city-1", "city-2"));
        var graph = await store.LoadGraphAsync();
        Assert.DoesNotContain(graph.Relationships, r => r.Type == RelationshipType.TwinnedWith);
        Assert.Equal(8, graph.Nodes.Count);
    }

    [Fact]
    public async Task DeletingWhatDoesNotExistIsRefused()
    {
        var store = NewStore();
        await store.UpsertNodeAsync(new Sector("s", "ICT", "src"));
        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => store.WriteAsync(new GraphBatch { DeleteNodes = ["s", "nope"] }));
        Assert.Contains("nope", failure.Errors.Single().Message);
        Assert.NotNull(await store.GetNodeAsync("s"));
    }

    [Fact]
    public async Task ARelationshipToANodeDeletedInTheSameBatchIsRefused()
    {
        var store = NewStore();
        await store.WriteAsync(new GraphBatch { Nodes = [new City("a", "A", "BE", "src"), new City("b", "B", "BE", "src")] });
        var batch = new GraphBatch { DeleteNodes = ["b"], Relationships = [new(RelationshipType.TwinnedWith, "a", "b", "src")] };
        await Assert.ThrowsAsync<ValidationFailedException>(() => store.WriteAsync(batch));
        Assert.Equal(2, (await store.LoadGraphAsync()).Nodes.Count);
    }

    [Fact]
    public async Task AroundSomeNodesAreTheirNeighboursAndTheTiesAmongThem()
    {
        var store = NewStore();
        // A path c0 - c1 - c2 - c3 - c4 of twinned cities.
        var nodes = Enumerable.Range(0, 5).Select(i => (Node)new City($"c{i}", $"City {i}", "BE", "src")).ToList();
        var ties = Enumerable.Range(0, 4).Select(i => new Relationship(RelationshipType.TwinnedWith, $"c{i}", $"c{i + 1}", "src")).ToList();
        await store.WriteAsync(new GraphBatch { Nodes = nodes, Relationships = ties });

        var around = await store.LoadAroundAsync(["c2"]);
        var aroundEnds = await store.LoadAroundAsync(["c0", "c4"]);

        Assert.Equal(["c1", "c2", "c3"], around.Nodes.Select(n => n.Id).Order());
        Assert.Equal(2, around.Relationships.Count);
        Assert.Equal(["c0", "c1", "c3", "c4"], aroundEnds.Nodes.Select(n => n.Id).Order());
        Assert.Equal(2, aroundEnds.Relationships.Count);
        Assert.Empty((await store.LoadAroundAsync(["unknown"])).Nodes);
        Assert.Equal(["c0", "c4"], (await store.ExistingAsync(["c0", "c4", "unknown"])).Order());
    }

    [Fact]
    public async Task ConcurrentWritersLoseNoUpdate()
    {
        var store = NewStore();
        var other = Track(OpenAgain(store));
        const int writers = 8, writesEach = 25;

        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var client = w % 2 == 0 ? store : other;
            for (var i = 0; i < writesEach; i++)
                await client.UpsertNodeAsync(new Person($"w{w}-{i}", $"Writer {w} #{i}", "src"));
        }));
        await Task.WhenAll(tasks);

        var graph = await store.LoadGraphAsync();
        Assert.Equal(writers * writesEach, graph.Nodes.Count);
        Assert.Equal(writers * writesEach, graph.Version);
    }

    [Fact]
    public async Task AWriteExpectingAnOldVersionIsRefusedAndWritesNothing()
    {
        var store = NewStore();
        var first = await store.UpsertNodeAsync(new Sector("s", "ICT", "src"));
        var second = await store.UpsertNodeAsync(new Sector("s", "ICT & software", "src"));
        var versioned = await store.GetVersionedNodeAsync("s");
        Assert.Equal(second.Version, versioned!.Version);

        var stale = new GraphBatch { Nodes = [new Sector("s", "Stale", "src"), new Sector("t", "Other", "src")], ExpectedNodeVersions = new Dictionary<string, long> { ["s"] = first.Version } };
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.WriteAsync(stale));
        Assert.Equal(second.Version, conflict.Actual);
        Assert.Equal("ICT & software", (await store.GetNodeAsync("s"))!.DisplayName);
        Assert.Null(await store.GetNodeAsync("t"));

        var fresh = stale with { ExpectedNodeVersions = new Dictionary<string, long> { ["s"] = second.Version } };
        await store.WriteAsync(fresh);
        Assert.Equal("Stale", (await store.GetNodeAsync("s"))!.DisplayName);
    }

    [Fact]
    public async Task VersionZeroMeansTheRecordMustNotExistYet()
    {
        var store = NewStore();
        var create = new GraphBatch { Nodes = [new Sector("s", "ICT", "src")], ExpectedNodeVersions = new Dictionary<string, long> { ["s"] = 0 } };
        await store.WriteAsync(create);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.WriteAsync(create));
    }

    [Fact]
    public async Task RelationshipsCarryVersionsToo()
    {
        var store = NewStore();
        await store.WriteAsync(GraphBatch.Of(EveryKind()));
        var key = new RelationshipKey(RelationshipType.TwinnedWith, "city-1", "city-2");
        var current = await store.GetVersionedRelationshipAsync(key);
        Assert.Equal(1, current!.Version);
        var update = new GraphBatch { Relationships = [current.Value with { Source = "new" }], ExpectedRelationshipVersions = new Dictionary<RelationshipKey, long> { [key] = 1 } };
        await store.WriteAsync(update);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.WriteAsync(update));
        Assert.Equal("new", (await store.GetVersionedRelationshipAsync(key))!.Value.Source);
    }

    [Fact]
    public async Task ACheckReportsWhatAWriteWouldRefuseAndWritesNothing()
    {
        var store = NewStore();
        await store.UpsertNodeAsync(new City("c", "Leuven", "BE", "src"));
        var batch = new GraphBatch
        {
            Nodes = [new Organisation("o", "X", "company", "src"), new Person("c", "Clash", "src")],
            Relationships = [new(RelationshipType.LocatedIn, "o", "c-missing", "src")],
        };
        var errors = await store.CheckAsync(batch);
        Assert.Contains(errors, e => e.Message.Contains("already used by a City"));
        Assert.Contains(errors, e => e.Field == "to" && e.Message.Contains("c-missing"));
        Assert.Empty(await store.CheckAsync(new GraphBatch { Nodes = [new Organisation("o", "X", "company", "src")] }));
        Assert.Equal(1, await store.GetVersionAsync());
        Assert.Null(await store.GetNodeAsync("o"));
    }

    [Fact]
    public async Task HealthReportsCounts()
    {
        var store = NewStore();
        await store.WriteAsync(GraphBatch.Of(EveryKind()));
        var health = await store.CheckHealthAsync();
        Assert.True(health.Healthy);
        Assert.Equal(8, health.Nodes);
        Assert.Equal(10, health.Relationships);
        Assert.Equal(1, health.Version);
    }

    [Fact]
    public async Task AWriteSaysHowFarItIsAndKeepsNothingBeforeItCommits()
    {
        var store = NewStore();
        var reported = new List<int>();
        var batch = new GraphBatch
        {
            Nodes = [.. Enumerable.Range(0, 2300).Select(i => new Organisation($"org-{i}", $"Organisation {i}", "company", "src"))],
            Progress = new ToldAtOnce(reported.Add),
        };
        await store.WriteAsync(batch);
        Assert.Equal(2300, reported[^1]);
        Assert.True(reported.Zip(reported.Skip(1)).All(p => p.Second > p.First && p.Second - p.First <= GraphBatch.ProgressEvery), string.Join(", ", reported));
        Assert.True(reported[0] <= GraphBatch.ProgressEvery, string.Join(", ", reported));
        Assert.Equal(2300, (await OpenAgain(store).LoadGraphAsync()).Nodes.Count);
    }

    [Fact]
    public async Task CheckingABatchFindsWhatWritingItWouldRefuse()
    {
        var store = NewStore();
        await store.WriteAsync(GraphBatch.Of(EveryKind()));
        var batch = new GraphBatch
        {
            Nodes = [new Organisation("org-new", "New", "spaceship", "src")],
            DeleteNodes = ["ghost"],
            DeleteRelationships = [new RelationshipKey(RelationshipType.WorksFor, "nobody", "nothing")],
        };
        var found = await store.CheckAsync(batch);
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => store.WriteAsync(batch));
        Assert.Equal(refused.Errors.Select(e => e.ToString()).Order(), found.Select(e => e.ToString()).Order());
        Assert.Contains(found, e => e.Message == "no such relationship");
        Assert.Contains(found, e => e.Message == "no node with id 'ghost'");
        Assert.Contains(found, e => e.Field == "kind");
        Assert.Equal(1, await store.GetVersionAsync());
    }

    private sealed class ToldAtOnce(Action<int> told) : IProgress<int>
    {
        public void Report(int value) => told(value);
    }
}
