using Network.Analysis.Domain;

namespace Network.Analysis.ValueChain;

/// <summary>One organisation at one stage of one sector, and whether that is recorded or derived (with the rule).</summary>
public sealed record ChainPosition(string Organisation, string Sector, string Stage, string? DerivedBy);

/// <summary>
/// How much of the value-chain matrix rests on what: of the organisations, how many are placed from their records,
/// how many only by derivation, and how many have no sector or no stage known at all.
/// </summary>
public sealed record ChainCoverage(int Organisations, int Recorded, int Derived, int Unplaced)
{
    public int Placed => Recorded + Derived;

    /// <summary>"The matrix places 3,210 of 5,271 organisations: 12 from their records, 3,198 derived; 2,061 lack a known sector or stage."</summary>
    public string Sentence()
    {
        static string N(int n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        if (Organisations == 0)
            return "There are no organisations to place.";
        var parts = Derived == 0 ? $"The matrix places {N(Placed)} of {N(Organisations)} organisations, all from their records"
            : Recorded == 0 ? $"The matrix places {N(Placed)} of {N(Organisations)} organisations, all by derivation (none has a sector and stage recorded)"
            : $"The matrix places {N(Placed)} of {N(Organisations)} organisations: {N(Recorded)} from their records, {N(Derived)} derived";
        return Unplaced == 0 ? parts + "." : $"{parts}; {N(Unplaced)} {(Unplaced == 1 ? "lacks" : "lack")} a known sector or stage.";
    }
}

/// <summary>
/// Where each organisation sits in the value chains. Recorded facts come first: an ACTIVE_IN tie to a sector with its
/// stages, else the organisation's own sectors and stages. Where the data has none, they are <b>derived</b>, marked so
/// with their rule, never stored as facts, and overridden as soon as an editor records a sector or stage:
/// <list type="bullet">
/// <item><b>sectors</b>: the sectors the organisation's agreements concern (CONCERNS) — in CORDIS, the sectors of its
/// projects' programmes (see data/cordis-h2020-leuven/README.md for the table);</item>
/// <item><b>stages</b>, from its kind and its agreements: universities and research institutes → research; companies
/// party to a project → prototyping and pilot (collaborative EU projects develop and demonstrate, they do not sell);
/// public bodies party to a project → pilot (they host and test); investors → finance.</item>
/// </list>
/// </summary>
public static class ChainPositions
{
    public const string SectorRule = "derived: the sectors its agreements concern";

    /// <summary>The stages an organisation of a kind is derived to work at, and the rule said in words; none when no rule applies.</summary>
    public static (IReadOnlyList<string> Stages, string? Rule) DerivedStages(string kind, bool inProject) => kind switch
    {
        "university" or "research-institute" => (["research"], $"derived: {Vocabulary.KindPlural(kind)} → research"),
        "company" when inProject => (["prototyping", "pilot"], "derived: companies in projects → prototyping, pilot"),
        "government" when inProject => (["pilot"], "derived: public bodies in projects → pilot"),
        "investor" => (["finance"], "derived: investors → finance"),
        _ => ([], null),
    };

    public static (IReadOnlyList<ChainPosition> Positions, ChainCoverage Coverage) Of(NetworkGraph graph)
    {
        var activeIn = graph.OfType(RelationshipType.ActiveIn).GroupBy(r => r.From).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var agreements = graph.OfType<Agreement>().ToDictionary(a => a.Id, StringComparer.Ordinal);
        var concerns = graph.OfType(RelationshipType.Concerns).GroupBy(r => r.From).ToDictionary(g => g.Key, g => g.Select(r => r.To).ToList(), StringComparer.Ordinal);
        var partyTo = graph.OfType(RelationshipType.PartyTo).GroupBy(r => r.From).ToDictionary(g => g.Key, g => g.Select(r => r.To).ToList(), StringComparer.Ordinal);
        var sectors = graph.OfType<Sector>().Select(s => s.Id).ToHashSet(StringComparer.Ordinal);

        var positions = new List<ChainPosition>();
        int recorded = 0, derived = 0, unplaced = 0;
        foreach (var o in graph.OfType<Organisation>())
        {
            var ties = activeIn.GetValueOrDefault(o.Id) ?? [];
            var own = partyTo.GetValueOrDefault(o.Id) ?? [];
            var inProject = own.Any(a => agreements.GetValueOrDefault(a)?.Kind == "project");
            var (kindStages, stageRule) = DerivedStages(o.Kind, inProject);

            // Sector → (stages, derived-by) from the records: ACTIVE_IN first (its stages, else the organisation's).
            var placed = new Dictionary<string, (IReadOnlyList<string> Stages, string? Rule)>(StringComparer.Ordinal);
            foreach (var tie in ties)
                placed[tie.To] = tie.Stages.Count > 0 ? (tie.Stages, null) : o.Stages.Count > 0 ? (o.Stages, null) : (kindStages, stageRule);
            foreach (var sector in o.Sectors.Where(s => !placed.ContainsKey(s)))
                placed[sector] = o.Stages.Count > 0 ? (o.Stages, null) : (kindStages, stageRule);
            var sectorsRecorded = placed.Count > 0;
            if (!sectorsRecorded)
            {
                foreach (var sector in own.SelectMany(a => concerns.GetValueOrDefault(a) ?? []).Where(sectors.Contains).Distinct(StringComparer.Ordinal))
                    placed[sector] = o.Stages.Count > 0 ? (o.Stages, SectorRule) : (kindStages, stageRule is null ? null : $"{SectorRule}; {stageRule["derived: ".Length..]}");
            }

            var any = false;
            var anyDerived = false;
            foreach (var (sector, (stages, rule)) in placed)
            {
                foreach (var stage in stages)
                {
                    positions.Add(new ChainPosition(o.Id, sector, stage, rule));
                    any = true;
                    anyDerived |= rule is not null;
                }
            }
            if (!any)
                unplaced++;
            else if (anyDerived)
                derived++;
            else
                recorded++;
        }
        return (positions, new ChainCoverage(recorded + derived + unplaced, recorded, derived, unplaced));
    }
}
