using System.CommandLine;
using System.Globalization;
using Network.Analysis.Domain;
using Network.Analysis.Projection;
using Network.Analysis.ValueChain;
using Network.Cli;
using Network.Data.Formats;

namespace Network.Tools;

/// <summary>
/// Do the introductions the product suggests happen? On CORDIS: the organisation network of the projects that started
/// up to the split date; every pair not tied then but two steps apart is a candidate; a candidate "happened" when the
/// two start a project together after the split. Prints precision@k of the product's ranking
/// (<see cref="Introductions.PairScore"/>) beside three classic link predictors on the same candidates: common
/// neighbours, Adamic–Adar (Σ 1/ln deg z) and resource allocation (Σ 1/deg z).
/// </summary>
public static class IntroductionsEval
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "The CORDIS folder.", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(Repository.Root(), "data", "cordis-h2020-leuven")) };
        var split = new Option<string>("--split") { Description = "The last day of the network the introductions are ranked on (yyyy-mm-dd).", DefaultValueFactory = _ => "2017-12-31" };
        var top = new Option<int>("--top") { Description = "How many of the best-ranked pairs are counted.", DefaultValueFactory = _ => 100 };
        var command = new Command("introductions-eval", "Precision@top of the product's introduction ranking and three link predictors on held-out CORDIS projects.") { data, split, top };
        command.SetAction(parse => CliErrors.Run(() => Task.FromResult(
            Run(parse.GetRequiredValue(data).FullName, CliErrors.Date(parse.GetValue(split), "--split")!.Value, parse.GetValue(top)))));
        return command;
    }

    public static int Run(string folder, DateOnly split, int k)
    {
        var graph = DataFolder.Read(folder);
        static DateOnly? Start(Agreement a) => a.ValidFrom ?? a.SignedOn;
        var later = graph.OfType<Agreement>().Where(a => Start(a) > split).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var before = new NetworkGraph([.. graph.Nodes.Where(n => !later.Contains(n.Id))],
            [.. graph.Relationships.Where(r => !later.Contains(r.From) && !later.Contains(r.To))], 0);
        var network = OrganisationProjection.Project(before);
        var g = network.Graph;
        var n = g.NodeCount;
        var active = Enumerable.Range(0, n).Where(v => g.Degree(v) > 0).ToHashSet();

        // What happened: pairs of active organisations, not tied before, that share a project starting after the split.
        var parties = graph.OfType(RelationshipType.PartyTo).Where(r => later.Contains(r.To))
            .GroupBy(r => r.To).Select(p => p.Select(r => g.IndexOf(r.From)).Where(active.Contains).Distinct().ToArray());
        var happened = new HashSet<(int, int)>();
        foreach (var members in parties)
        {
            for (var i = 0; i < members.Length; i++)
            {
                for (var j = i + 1; j < members.Length; j++)
                {
                    var (u, v) = members[i] < members[j] ? (members[i], members[j]) : (members[j], members[i]);
                    if (g.Weight(u, v) == 0)
                        happened.Add((u, v));
                }
            }
        }

        var nodes = graph.NodesById();
        var cityOf = graph.OfType(RelationshipType.LocatedIn).GroupBy(r => r.From).ToDictionary(x => x.Key, x => nodes.GetValueOrDefault(x.First().To)?.DisplayName, StringComparer.Ordinal);
        string? City(int v) => cityOf.GetValueOrDefault(g.Ids[v]);

        var rankers = new (string Name, Func<int, int, List<int>, double> Score)[]
        {
            ("ours", (u, v, shared) => Introductions.PairScore(g, shared, City(u), City(v))),
            ("common neighbours", (_, _, shared) => shared.Count),
            ("Adamic-Adar", (_, _, shared) => shared.Sum(z => 1 / Math.Log(g.Degree(z)))),
            ("resource allocation", (_, _, shared) => shared.Sum(z => 1.0 / g.Degree(z))),
        };
        // The best k of each ranking; ties broken by the pair's indices so every run gives the same list.
        var tops = rankers.Select(_ => new PriorityQueue<(int U, int V), (double Score, long Order)>()).ToArray();
        var sharedWith = new List<int>?[n];
        var touched = new List<int>();
        long candidates = 0;
        for (var u = 0; u < n; u++)
        {
            foreach (var z in g.Neighbours(u))
            {
                foreach (var v in g.Neighbours(z))
                {
                    if (v <= u || g.Weight(u, v) != 0)
                        continue;
                    if (sharedWith[v] is not { } list)
                    {
                        sharedWith[v] = list = [];
                        touched.Add(v);
                    }
                    list.Add(z);
                }
            }
            foreach (var v in touched)
            {
                var shared = sharedWith[v]!;
                candidates++;
                for (var r = 0; r < rankers.Length; r++)
                {
                    var score = rankers[r].Score(u, v, shared);
                    var order = -((long)u * n + v);
                    tops[r].Enqueue((u, v), (score, order));
                    if (tops[r].Count > k)
                        tops[r].Dequeue();
                }
                sharedWith[v] = null;
            }
            touched.Clear();
        }

        var inv = CultureInfo.InvariantCulture;
        var precision = tops.Select(top => top.UnorderedItems.Count(x => happened.Contains((x.Element.U, x.Element.V))) / (double)k).ToArray();
        Console.WriteLine($"split {split:yyyy-MM-dd}: {active.Count.ToString("N0", inv)} organisations tied before it, {candidates.ToString("N0", inv)} candidate pairs two steps apart, "
            + $"{happened.Count.ToString("N0", inv)} new ties after it ({happened.Count(p => Apart(g, p)).ToString("N0", inv)} of them among the candidates)");
        Console.WriteLine($"introductions precision@{k}: " + string.Join(", ", rankers.Select((r, i) => $"{r.Name} {precision[i].ToString("0.00", inv)}")));
        return precision[0] >= precision.Skip(1).Max() ? 0 : 1;
    }

    private static bool Apart(Network.Analysis.Graphs.WeightedGraph g, (int U, int V) pair)
    {
        foreach (var z in g.Neighbours(pair.U))
        {
            if (g.Weight(z, pair.V) != 0)
                return true;
        }
        return false;
    }
}
