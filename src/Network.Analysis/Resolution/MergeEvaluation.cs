using Network.Analysis.Domain;

namespace Network.Analysis.Resolution;

/// <summary>One labelled pair: the same record twice, or two different ones.</summary>
public sealed record LabelledPair(string A, string B, bool Same, string Note);

/// <summary>Precision and recall of the suggestions at one threshold; false alarms and misses named.</summary>
public sealed record MergeOutcome(double Threshold, int TruePositives, int FalsePositives, int FalseNegatives, IReadOnlyList<string> FalseAlarms, IReadOnlyList<string> Misses)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
}

/// <summary>How well <see cref="EntityResolution"/> tells duplicates from different records, on pairs a person labelled.</summary>
public static class MergeEvaluation
{
    /// <summary>Reads the tab-separated pairs (a, b, label = same | different | unsure, …; a header first); unsure ones are left out.</summary>
    public static IReadOnlyList<LabelledPair> Parse(IEnumerable<string> lines, string file)
    {
        var pairs = new List<LabelledPair>();
        foreach (var (line, number) in lines.Select((l, i) => (l, i + 1)).Skip(1))
        {
            if (line.Length == 0)
                continue;
            var f = line.Split('\t');
            if (f.Length < 3 || f[2] is not ("same" or "different" or "unsure"))
                throw new InvalidDataException($"{file}, line {number}: expected a, b, label (same, different or unsure), …");
            if (f[2] != "unsure")
                pairs.Add(new LabelledPair(f[0], f[1], f[2] == "same", f.Length > 5 ? f[5] : ""));
        }
        return pairs;
    }

    public static IReadOnlyList<MergeOutcome> Evaluate(NetworkGraph graph, IReadOnlyList<LabelledPair> pairs, IReadOnlyList<double> thresholds)
    {
        var scores = EntityResolution.Compare(graph, pairs.Select(p => (p.A, p.B)));
        var nodes = graph.NodesById();
        string Describe(LabelledPair p, MergeSuggestion? s) =>
            $"{nodes.GetValueOrDefault(p.A)?.DisplayName ?? p.A} / {nodes.GetValueOrDefault(p.B)?.DisplayName ?? p.B} ({(s is null ? "never suggested" : s.Score.ToString("F2", System.Globalization.CultureInfo.InvariantCulture))})";
        return thresholds.Select(t =>
        {
            var judged = pairs.Select((p, i) => (Pair: p, Score: scores[i], Suggested: scores[i] is { } s && s.Score >= t)).ToList();
            return new MergeOutcome(t,
                judged.Count(x => x.Suggested && x.Pair.Same),
                judged.Count(x => x.Suggested && !x.Pair.Same),
                judged.Count(x => !x.Suggested && x.Pair.Same),
                judged.Where(x => x.Suggested && !x.Pair.Same).Select(x => Describe(x.Pair, x.Score)).ToList(),
                judged.Where(x => !x.Suggested && x.Pair.Same).Select(x => Describe(x.Pair, x.Score)).ToList());
        }).ToList();
    }
}
