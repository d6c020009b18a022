using Network.Analysis.Domain;

namespace Network.Analysis.Synthetic;

/// <summary>What the generator planted on purpose, so tests and demos can check that the analysis finds it.</summary>
/// <param name="Brokers">Organisations and a person that are the main bridges between sectors.</param>
/// <param name="ArticulationBroker">The only organisation linking the international partners to the region.</param>
/// <param name="MissingStage">A sector with no actor at all in this stage.</param>
/// <param name="ExternalOnlyStage">A sector whose only actors in this stage are outside the home region.</param>
/// <param name="UnconnectedStages">A sector with actors in two consecutive stages but no tie between them.</param>
public sealed record PlantedStructure(
    IReadOnlyList<string> Brokers,
    string ArticulationBroker,
    (string Sector, string Stage) MissingStage,
    (string Sector, string Stage) ExternalOnlyStage,
    (string Sector, string From, string To) UnconnectedStages,
    IReadOnlyList<string> HomeRegionCities);

public sealed record GeneratedEcosystem(NetworkGraph Graph, PlantedStructure Planted);

/// <summary>
/// A synthetic innovation ecosystem shaped like the seed one: a platform with <c>members</c> member organisations in a
/// quadruple-helix mix, the Leuven clusters (life &amp; health, ICT &amp; software, mechatronics, nanotech) plus clean tech,
/// people with affiliations and board seats, agreements of 2–8 parties with validity dates, events, and a few
/// international partners. Deterministic per seed. Every record's source starts with "synthetic:" and every name
/// ends in "(synthetic)", so generated data is never mistaken for real data.
/// </summary>
public static class EcosystemGenerator
{
    public const string SourcePrefix = "synthetic:";

    private sealed record SectorSpec(string Id, string Name, double Share, string[] Words);

    private static readonly SectorSpec[] SectorSpecs =
    [
        new("syn-sector-life-health", "Life & health sciences", 0.30, ["Thera", "Bio", "Medi", "Geno", "Cardio", "Neuro"]),
        new("syn-sector-ict-software", "ICT & software", 0.28, ["Data", "Cloud", "Code", "Quantix", "Signal", "Byte"]),
        new("syn-sector-mechatronics", "Mechatronics", 0.16, ["Robo", "Servo", "Motion", "Drive", "Actu", "Mecha"]),
        new("syn-sector-nanotech", "Nanotechnology", 0.12, ["Nano", "Quanta", "Atomi", "Litho", "Photon", "Meso"]),
        new("syn-sector-cleantech", "Clean tech", 0.14, ["Verde", "Solar", "Hydro", "Circu", "Terra", "Aero"]),
    ];

    private static readonly (string Kind, double Share)[] KindMix =
    [
        ("university", 0.03), ("research-institute", 0.06), ("company", 0.62), ("investor", 0.06),
        ("government", 0.08), ("intermediary", 0.08), ("civil-society", 0.07),
    ];

    private static readonly (string Id, string Name, string Country, string Region)[] HomeCities =
    [
        ("syn-city-leuven", "Leuven", "BE", "Vlaams-Brabant"), ("syn-city-tienen", "Tienen", "BE", "Vlaams-Brabant"),
        ("syn-city-diest", "Diest", "BE", "Vlaams-Brabant"), ("syn-city-aarschot", "Aarschot", "BE", "Vlaams-Brabant"),
        ("syn-city-rotselaar", "Rotselaar", "BE", "Vlaams-Brabant"), ("syn-city-hasselt", "Hasselt", "BE", "Limburg"),
        ("syn-city-genk", "Genk", "BE", "Limburg"),
    ];

    private static readonly (string Id, string Name, string Country, string Region)[] ForeignCities =
    [
        ("syn-city-wuxi", "Wuxi", "CN", "Jiangsu"), ("syn-city-guangzhou", "Guangzhou", "CN", "Guangdong"),
        ("syn-city-eindhoven", "Eindhoven", "NL", "Noord-Brabant"), ("syn-city-aachen", "Aachen", "DE", "Nordrhein-Westfalen"),
    ];

    private static readonly string[] Suffixes = ["Labs", "Systems", "Solutions", "Works", "Dynamics", "Technologies", "Partners", "Group"];

    private const string Platform = "syn-platform";
    private const string Liaison = "syn-broker-liaison";
    private const string CrossoverCapital = "syn-broker-crossover-capital";
    private const string Gateway = "syn-broker-gateway";
    private const string BrokerPerson = "syn-person-broker";

    public static GeneratedEcosystem Generate(int members, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(members, 30);
        return new Builder(members, seed).Build();
    }

    private sealed class Builder(int members, int seed)
    {
        private readonly Random _random = new(seed);
        private readonly string _source = $"{SourcePrefix} network generate --members {members} --seed {seed}";
        private readonly List<Node> _nodes = [];
        private readonly List<Relationship> _relationships = [];
        private readonly Dictionary<string, OrgDraft> _orgs = [];
        private readonly Dictionary<(string Sector, bool Home), List<string>> _bySector = [];
        private readonly HashSet<(string, string)> _partnerPairs = [];
        private int _agreements;
        private int _people;

        private sealed record OrgDraft(string Id, string Kind, bool Home, Dictionary<string, List<string>> Stages)
        {
            public bool Has(string sector, string stage) => Stages.TryGetValue(sector, out var s) && s.Contains(stage);
        }

        private static readonly (string Sector, string Stage) Missing = ("syn-sector-nanotech", "pilot");
        private static readonly (string Sector, string Stage) ExternalOnly = ("syn-sector-cleantech", "production");
        private static readonly (string Sector, string From, string To) Unconnected = ("syn-sector-mechatronics", "prototyping", "pilot");

        public GeneratedEcosystem Build()
        {
            foreach (var s in SectorSpecs)
                _nodes.Add(new Sector(s.Id, s.Name + " (synthetic)", _source));
            foreach (var c in HomeCities.Concat(ForeignCities))
                _nodes.Add(new City(c.Id, c.Name, c.Country, _source) { Region = c.Region });

            AddOrganisation(Platform, "Innovation Platform (synthetic)", "intermediary", home: true, member: false, sectors: SectorSpecs.Select(s => s.Id).ToArray());
            for (var i = 0; i < members; i++)
            {
                var kind = Pick(KindMix);
                var sector = PickSector();
                var sectors = _random.NextDouble() < 0.06 ? new[] { sector, PickSector() }.Distinct().ToArray() : [sector];
                AddOrganisation($"syn-org-{i + 1:D4}", Name(kind, sector), kind, home: true, member: true, sectors);
            }
            var international = Math.Max(8, members / 20);
            var internationalIds = new List<string>();
            for (var i = 0; i < international; i++)
            {
                var kind = i % 3 == 0 ? "research-institute" : "company";
                var sector = i % 2 == 0 ? "syn-sector-cleantech" : PickSector();
                var id = $"syn-intl-{i + 1:D3}";
                AddOrganisation(id, Name(kind, sector), kind, home: false, member: false, [sector]);
                internationalIds.Add(id);
            }

            PlantBrokers(internationalIds);
            AddPeople();
            AddAgreements();
            AddEvents();
            AddPartnerships();

            var planted = new PlantedStructure(
                [Liaison, CrossoverCapital, Gateway, BrokerPerson], Gateway, Missing, ExternalOnly, Unconnected,
                HomeCities.Select(c => c.Id).ToArray());
            return new GeneratedEcosystem(new NetworkGraph(_nodes, _relationships, 0), planted);
        }

        private void AddOrganisation(string id, string name, string kind, bool home, bool member, string[] sectors)
        {
            var stages = sectors.ToDictionary(s => s, s => StagesFor(kind, s, home));
            var draft = new OrgDraft(id, kind, home, stages);
            _orgs[id] = draft;
            if (id != Platform)
            {
                foreach (var sector in sectors)
                {
                    if (!_bySector.TryGetValue((sector, home), out var list))
                        _bySector[(sector, home)] = list = [];
                    list.Add(id);
                }
            }
            var city = home
                ? (_random.NextDouble() < 0.55 ? HomeCities[0] : HomeCities[_random.Next(HomeCities.Length)]).Id
                : ForeignCities[_random.Next(ForeignCities.Length)].Id;
            var country = home ? "BE" : ForeignCities.First(c => c.Id == city).Country;
            _nodes.Add(new Organisation(id, name, kind, _source)
            {
                Sectors = sectors,
                Stages = stages.Values.SelectMany(s => s).Distinct().OrderBy(Vocabulary.StageIndex).ToArray(),
                Member = member,
                MemberSince = member ? new DateOnly(2016, 6, 1).AddDays(_random.Next(0, 3000)) : null,
                Country = country,
            });
            _relationships.Add(new Relationship(RelationshipType.LocatedIn, id, city, _source));
            foreach (var (sector, sectorStages) in stages)
                _relationships.Add(new Relationship(RelationshipType.ActiveIn, id, sector, _source) { Stages = sectorStages });
            if (member)
                _relationships.Add(new Relationship(RelationshipType.MemberOf, id, Platform, _source) { Since = _nodes.OfType<Organisation>().Last().MemberSince });
        }

        private List<string> StagesFor(string kind, string sector, bool home)
        {
            var pool = kind switch
            {
                "university" or "research-institute" => new[] { "research", "research", "prototyping" },
                "company" => ["prototyping", "pilot", "production", "market", "market"],
                "investor" => ["finance"],
                "government" or "intermediary" => ["market", "finance"],
                _ => [],
            };
            var stages = new List<string>();
            if (pool.Length == 0)
                return stages;
            var count = kind is "company" ? 1 + _random.Next(2) : 1;
            for (var i = 0; i < count; i++)
            {
                var stage = pool[_random.Next(pool.Length)];
                if (sector == Missing.Sector && stage == Missing.Stage)
                    stage = "production";
                if (home && sector == ExternalOnly.Sector && stage == ExternalOnly.Stage)
                    stage = "market";
                if (!stages.Contains(stage))
                    stages.Add(stage);
            }
            // No organisation spans both ends of the unconnected pair, or it would tie them by itself.
            if (sector == Unconnected.Sector && stages.Contains(Unconnected.From) && stages.Contains(Unconnected.To))
                stages.Remove(Unconnected.To);
            if (!home && sector == ExternalOnly.Sector && kind == "company" && !stages.Contains(ExternalOnly.Stage))
                stages.Add(ExternalOnly.Stage);
            return stages;
        }

        // Ties that would join the planted unconnected stage pair, or reach the international partners other than through
        // the gateway, are never made.
        private bool Forbidden(string a, string b)
        {
            var (oa, ob) = (_orgs[a], _orgs[b]);
            if (oa.Home != ob.Home && a != Gateway && b != Gateway)
                return true;
            var (s, from, to) = Unconnected;
            return (oa.Has(s, from) && ob.Has(s, to)) || (oa.Has(s, to) && ob.Has(s, from));
        }

        private bool Compatible(IReadOnlyCollection<string> group, string candidate) =>
            !group.Contains(candidate) && group.All(other => !Forbidden(other, candidate));

        private void PlantBrokers(List<string> internationalIds)
        {
            AddOrganisation(Liaison, "Crossroads Liaison Office (synthetic)", "intermediary", home: true, member: true, SectorSpecs.Select(s => s.Id).ToArray());
            AddOrganisation(CrossoverCapital, "Crossover Capital (synthetic)", "investor", home: true, member: true, SectorSpecs.Select(s => s.Id).ToArray());
            AddOrganisation(Gateway, "Silk Road Gateway Agency (synthetic)", "intermediary", home: true, member: true, ["syn-sector-cleantech", "syn-sector-ict-software"]);

            foreach (var sector in SectorSpecs)
            {
                AddAgreement("partnership", sector.Id, [Liaison, .. Candidates(sector.Id, home: true, 3, [Liaison])]);
                AddAgreement("mou", sector.Id, [Liaison, .. Candidates(sector.Id, home: true, 3, [Liaison])]);
                AddAgreement("project", sector.Id, [Liaison, .. Candidates(sector.Id, home: true, 2, [Liaison])]);
            }
            foreach (var sector in SectorSpecs)
            {
                AddAgreement("fund", sector.Id, [CrossoverCapital, .. Candidates(sector.Id, home: true, 4, [CrossoverCapital])]);
                AddAgreement("fund", sector.Id, [CrossoverCapital, .. Candidates(sector.Id, home: true, 2, [CrossoverCapital])]);
            }

            // The international partners hang together among themselves and reach the region only through the gateway.
            for (var i = 0; i < internationalIds.Count; i += 3)
                AddAgreement("project", "syn-sector-cleantech", [Gateway, .. internationalIds.Skip(i).Take(3)]);
            AddAgreement("partnership", "syn-sector-cleantech", [Gateway, .. Candidates("syn-sector-cleantech", home: true, 3, [Gateway])]);
            AddAgreement("mou", "syn-sector-ict-software", [Gateway, .. Candidates("syn-sector-ict-software", home: true, 2, [Gateway])]);

            // A person on two boards in every sector: the people-side broker.
            _nodes.Add(new Person(BrokerPerson, "Alex Bridges (synthetic)", _source) { Role = "serial board member" });
            foreach (var sector in SectorSpecs)
            {
                foreach (var seat in Candidates(sector.Id, home: true, 2, [Liaison, CrossoverCapital, Gateway]))
                    _relationships.Add(new Relationship(RelationshipType.WorksFor, BrokerPerson, seat, _source) { Role = "board member", Since = new DateOnly(2018, 1, 1) });
            }
        }

        private void AddPeople()
        {
            string[] roles = ["CEO", "CTO", "researcher", "business developer", "policy officer", "investment manager"];
            var organisations = _orgs.Values.Where(o => o.Id != Platform).ToList();
            foreach (var org in organisations)
            {
                var count = 1 + _random.Next(3);
                for (var i = 0; i < count; i++)
                {
                    var id = $"syn-person-{++_people:D4}";
                    _nodes.Add(new Person(id, $"Person {_people:D4} (synthetic)", _source) { Role = roles[_random.Next(roles.Length)] });
                    _relationships.Add(new Relationship(RelationshipType.WorksFor, id, org.Id, _source)
                    {
                        Role = roles[_random.Next(roles.Length)],
                        Since = new DateOnly(2010, 1, 1).AddDays(_random.Next(0, 5000)),
                    });
                    // A board seat elsewhere in the same sector ties the two organisations through this person.
                    if (org.Home && _random.NextDouble() < 0.08)
                    {
                        var sector = org.Stages.Keys.First();
                        var other = Candidates(sector, home: true, 1, [org.Id, Liaison, CrossoverCapital, Gateway]).FirstOrDefault();
                        if (other is not null && !Forbidden(org.Id, other))
                            _relationships.Add(new Relationship(RelationshipType.WorksFor, id, other, _source) { Role = "board member" });
                    }
                }
            }
        }

        private void AddAgreements()
        {
            string[] kinds = ["project", "project", "partnership", "mou", "membership"];
            var count = members / 3;
            for (var i = 0; i < count; i++)
            {
                var sector = PickSector();
                var size = 2 + _random.Next(7);
                var parties = Candidates(sector, home: true, size, [Liaison, CrossoverCapital, Gateway]);
                // A rare party from another sector: real ecosystems are not perfectly separated.
                if (parties.Count < 8 && _random.NextDouble() < 0.05)
                    parties.AddRange(Candidates(PickSector(), home: true, 1, [.. parties, Liaison, CrossoverCapital, Gateway]).Where(c => Compatible(parties, c)));
                if (parties.Count >= 2)
                    AddAgreement(kinds[_random.Next(kinds.Length)], sector, parties);
            }
        }

        private void AddAgreement(string kind, string sector, IReadOnlyList<string> parties)
        {
            var id = $"syn-agreement-{++_agreements:D4}";
            var from = new DateOnly(2014, 1, 1).AddDays(_random.Next(0, 3650));
            var to = kind == "mou" && _random.NextDouble() < 0.5 ? (DateOnly?)null : from.AddYears(1 + _random.Next(6));
            var title = $"{Capitalise(kind)} {_agreements:D4} in {SectorSpecs.First(s => s.Id == sector).Name} (synthetic)";
            _nodes.Add(new Agreement(id, title, kind, _source) { SignedOn = from, ValidFrom = from, ValidTo = to });
            _relationships.Add(new Relationship(RelationshipType.Concerns, id, sector, _source));
            for (var i = 0; i < parties.Count; i++)
            {
                var role = i == 0 ? (kind == "project" ? "coordinator" : "signatory") : (_orgs[parties[i]].Kind == "investor" ? "investor" : "signatory");
                _relationships.Add(new Relationship(RelationshipType.PartyTo, parties[i], id, _source) { Role = role });
            }
        }

        private void AddEvents()
        {
            string[] kinds = ["forum", "visit", "delegation"];
            var count = Math.Max(3, members / 25);
            for (var i = 0; i < count; i++)
            {
                var sector = PickSector();
                var kind = kinds[_random.Next(kinds.Length)];
                var id = $"syn-event-{i + 1:D3}";
                _nodes.Add(new Event(id, $"{Capitalise(kind)} {i + 1:D3} (synthetic)", kind, _source) { Date = new DateOnly(2016, 1, 1).AddDays(_random.Next(0, 3000)) });
                _relationships.Add(new Relationship(RelationshipType.LocatedIn, id, HomeCities[_random.Next(HomeCities.Length)].Id, _source));
                foreach (var org in Candidates(sector, home: true, 3 + _random.Next(6), [Liaison, CrossoverCapital, Gateway]))
                    _relationships.Add(new Relationship(RelationshipType.ParticipatedIn, org, id, _source));
            }
        }

        private void AddPartnerships()
        {
            var count = members / 5;
            for (var i = 0; i < count; i++)
            {
                var pair = Candidates(PickSector(), home: true, 2, [Liaison, CrossoverCapital, Gateway]);
                if (pair.Count == 2 && _partnerPairs.Add((pair[0], pair[1])) && _partnerPairs.Add((pair[1], pair[0])))
                {
                    _relationships.Add(new Relationship(RelationshipType.PartnersWith, pair[0], pair[1], _source)
                    {
                        Kind = _random.NextDouble() < 0.5 ? "supplier" : "r&d collaboration",
                        Weight = 1 + _random.Next(3),
                    });
                }
            }
        }

        /// <summary>Up to <paramref name="count"/> distinct organisations active in the sector, none tied to another by a forbidden tie.</summary>
        private List<string> Candidates(string sector, bool home, int count, IReadOnlyCollection<string> exclude)
        {
            var pool = _bySector.GetValueOrDefault((sector, home)) ?? [];
            var chosen = new List<string>();
            for (var attempt = 0; attempt < count * 4 && chosen.Count < count && pool.Count > 0; attempt++)
            {
                var candidate = pool[_random.Next(pool.Count)];
                if (!exclude.Contains(candidate) && Compatible(chosen, candidate))
                    chosen.Add(candidate);
            }
            return chosen;
        }

        private string PickSector()
        {
            var x = _random.NextDouble();
            foreach (var s in SectorSpecs)
            {
                if ((x -= s.Share) < 0)
                    return s.Id;
            }
            return SectorSpecs[^1].Id;
        }

        private string Pick((string Value, double Share)[] mix)
        {
            var x = _random.NextDouble();
            foreach (var (value, share) in mix)
            {
                if ((x -= share) < 0)
                    return value;
            }
            return mix[^1].Value;
        }

        private string Name(string kind, string sector)
        {
            var word = SectorSpecs.First(s => s.Id == sector).Words[_random.Next(6)];
            var tail = kind switch
            {
                "university" => "University",
                "research-institute" => "Research Institute",
                "investor" => "Ventures",
                "government" => "Municipal Office",
                "intermediary" => "Cluster Office",
                "civil-society" => "Foundation",
                _ => Suffixes[_random.Next(Suffixes.Length)],
            };
            return $"{word}{(char)('a' + _random.Next(26))}{(char)('a' + _random.Next(26))} {tail} (synthetic)";
        }

        private static string Capitalise(string s) => char.ToUpperInvariant(s[0]) + s[1..];
    }
}
