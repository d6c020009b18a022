using System.Globalization;

namespace Network.Web.Pages.Workspace;

/// <summary>One measure as a manager reads it: a name, a line of meaning, and a longer explanation with its convention.</summary>
public sealed record Measure(string Key, string Name, string Meaning, string Explanation);

/// <summary>The plain-language glossary every page links to from its column headers (#measure-{key}).</summary>
public static class Measures
{
    public static readonly IReadOnlyList<Measure> All =
    [
        new("score", "Broker score", "how much the ecosystem depends on it to link parts that would otherwise be apart",
            Network.Analysis.Insights.BrokerProfiles.Explanation),
        new("cut-off", "Cut off", "organisations that lose every path to the rest if it leaves",
            "Counted in the organisation network as its what-if counts them: the organisations separated from the largest part of the network piece they were in. More than zero only for cut points."),
        new("bridge-share", "Bridge share", "how much of its community's tie to another community runs over its ties",
            "Of the tie weight between its community and another community (of three or more), the largest share that runs over its own ties. 100 % means it is the only tie between two communities, even where they are linked through others too."),
        new("betweenness", "Betweenness", "share of the shortest routes between other organisations that pass through it",
            "Of all pairs of other organisations, the share of their shortest connections (through shared agreements, people, events and partnerships; stronger ties are shorter) that run through this one. High means many connections depend on it. Normalised as NetworkX does."),
        new("constraint", "Constraint", "how closed its circle is: low means its contacts do not know each other",
            "Burt's constraint: how much of its time and energy goes to contacts who are themselves tied to each other. A broker has low constraint (its contacts are otherwise apart); a member of a tight club has high constraint (up to 1 and beyond for a single strong contact)."),
        new("effective-size", "Effective size", "the number of its contacts that bring something new",
            "Burt's effective size: its number of contacts minus how redundant they are (how much they are tied to each other). Equal to the number of contacts when none of them know each other."),
        new("open-pairs", "Open pairs", "pairs of its contacts who are not tied to each other",
            "Pairs of its contacts who have no tie of their own: today the actor is the only one who can bring each pair together. Cross-group pairs are those whose two ends differ in sector, city, country, kind or community."),
        new("roles", "Brokerage roles", "how it brokers between communities (Gould–Fernandez)",
            "For every open pair a–it–b, with the communities as groups: coordinator (all three in one community), itinerant (a and b share a community, it is from another), gatekeeper (it shares its community with one end; on ties without direction the same as a representative, so counted once), liaison (all three in different communities). Liaisons and gatekeepers are the bridges between communities."),
        new("cut-point", "Cut point", "if it leaves, some organisations lose every path to the rest",
            "An articulation point of the network: removing it splits the part of the network it is in. The what-if shows who would be cut off."),
        new("stability", "Stability", "how often it ties communities together across repeated analyses",
            "Communities are found again with 8 seeds at 3 resolutions (24 runs). Stability is the share of runs in which this actor has a tie to another community than its own, so it links its community to another. 100 % means it is a bridge whatever the details of the analysis; 0 % means it always sits inside one community."),
        new("closeness", "Closeness", "how few steps it needs to reach everyone it can reach",
            "The inverse of the average distance to the organisations it can reach, scaled by the share it can reach (Wasserman–Faust), so that a small isolated group does not look central."),
        new("harmonic", "Harmonic centrality", "the sum of 1/distance to every other organisation",
            "Like closeness but it adds up 1 / distance over all others (0 for the unreachable), so it works on a network in pieces. Larger means closer to more organisations."),
        new("pagerank", "PageRank", "how much it is tied to organisations that are themselves well tied",
            "The share of time a random walk over the ties spends here (damping 0.85). All organisations together sum to 100 %."),
        new("eigenvector", "Eigenvector centrality", "ties to the well-connected count more",
            "Its score is proportional to the sum of its partners' scores (unit length over all organisations). High in the dense core of the network."),
        new("degree", "Ties", "the number of organisations it is tied to", "Its number of distinct partners in the organisation network."),
        new("strength", "Tie strength", "the sum of its ties' weights",
            "Each shared agreement, person or event adds 1 to a tie; a partnership adds its own weight. Strength is the sum over all its ties."),
        new("core", "Core number", "how deep in the dense core it sits",
            "The largest k such that it belongs to a group where everyone has at least k ties inside the group."),
        new("community", "Community", "the group of organisations it is most densely tied to",
            "Found by the Leiden algorithm (modularity, resolution 1, seed 42). Communities are numbered from 1 by the order the algorithm finds them."),
    ];

    public static Measure Get(string key) => All.First(m => m.Key == key);

    public static string Anchor(string key) => "measure-" + key;

    public static string Percent(double share) =>
        (share * 100).ToString(share == 0 ? "0" : share * 100 < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " %";

    public static string Number(double? value, string format = "0.000") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    /// <summary>The measure's value as every surface writes it (<see cref="Network.Analysis.Text.Numbers"/>).</summary>
    public static string Value(string key, double? value) => Network.Analysis.Text.Numbers.Format(key, value);
}
