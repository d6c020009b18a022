using System.Globalization;
using System.Net;
using System.Text;
using Network.Analysis.Domain;
using Network.Analysis.Insights;
using Network.Analysis.Text;
using Network.Analysis.ValueChain;

namespace Network.Data.Reports;

/// <summary>
/// Renders an <see cref="EcosystemReport"/> for a board meeting: Markdown, or one self-contained HTML file (inline
/// style, no scripts, every string from the data HTML-encoded). Both say the same things in the same order.
/// </summary>
public static class ReportWriter
{
    private static string F(double value, string format = "F3") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Bridges(BrokerProfile p) =>
        p.Bridges.Count == 0 ? "—" : string.Join("; ", p.Bridges.Take(3).Select(b => b.Describe()));

    /// <summary>One section of the report: a heading, paragraphs and an optional table, as every rendering shows it.</summary>
    public sealed record Section(string Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<string>? Columns = null, IReadOnlyList<IReadOnlyList<string>>? Rows = null);

    /// <summary>What the report says, in order; Markdown, HTML and the browser's report page render these.</summary>
    public static List<Section> Sections(EcosystemReport report)
    {
        var s = report.Summary;
        var sections = new List<Section>();
        var scope = report.AsOf is { } d ? $"as of {d:yyyy-MM-dd}" : "all dates";
        sections.Add(new("Summary",
        [
            $"{s.Organisations} organisations, {s.People} people, {s.Agreements} agreements ({scope}); {s.Ties} ties between organisations in {s.Components} connected parts (the largest holds {s.LargestComponent}).",
            $"{s.Communities} communities (Leiden, modularity {Numbers.Format("modularity", s.Modularity)}). Home region: {string.Join(", ", report.HomeRegion)}.",
            s.IncompleteOrganisations > 0 ? $"{s.IncompleteOrganisations} organisations have no known city; they count in the network but not in the regional value chains." : "Every organisation has a known city.",
            .. s.UnnamedOrganisations > 0 ? (string[])[$"{s.UnnamedOrganisations} organisations have no name in the source data; they appear as \"unnamed organisation (…)\" and count in every analysis."] : [],
            .. s.Synthetic ? (string[])["This report is about SYNTHETIC data generated for testing, not real organisations."] : [],
            .. report.Caveats,
        ]));

        IReadOnlyList<IReadOnlyList<string>> BrokerRows(IEnumerable<BrokerProfile> profiles) => profiles.Select(p => (IReadOnlyList<string>)
        [
            p.RankText, p.Name, Numbers.Format("score", p.Score), Numbers.Format("betweenness", p.Betweenness), Numbers.Format("constraint", p.Constraint),
            Bridges(p), p.Roles.Describe(), p.CutOff > 0 ? $"yes ({Numbers.Count(p.CutOff)} cut off)" : "", report.BrokerStability.TryGetValue(p.Id, out var st) ? F(st * 100, "F0") + "%" : "—",
        ]).ToList();
        string[] brokerColumns = ["# (rank band)", "actor", "score", "betweenness", "constraint", "bridges (open pairs)", "roles", "cut point", "between communities"];
        sections.Add(new("Top brokers: organisations",
        [
            $"Who bridges otherwise separate parts of the ecosystem, measured in the {BrokerNetworks.Organisations}. Score: {BrokerProfiles.Explanation} Rank band: the 5th–95th percentile of its rank when the ranking is repeated on copies of the network with a tenth of the ties, or every tie of a tenth of the organisations, left out — stable when nine copies in ten keep it within a quarter of its rank. Bridges: the groups whose members it links that are not linked directly (open pairs). Roles: Gould–Fernandez, with communities as groups. Between communities: share of Leiden runs (several seeds and resolutions) in which it has a tie from its own community to another — 0 % for an actor that always sits inside one community.",
        ],
        brokerColumns, BrokerRows(report.Brokers)));
        sections.Add(new("Top brokers: people",
        [
            report.PersonBrokers.Count == 0
                ? "No person links two organisations: each recorded person works for or met only one."
                : $"People who link organisations through their affiliations, board seats and delegations, measured in the {BrokerNetworks.OrganisationsAndPeople}; scored as above, ranked among people. {(report.Summary.People > report.PersonBrokers.Count ? $"The other {report.Summary.People - report.PersonBrokers.Count} recorded people are not listed: {(report.PersonBrokers.Count < new ReportOptions().TopBrokers ? "each works for or met only one organisation, so they link no two" : $"the table shows the top {report.PersonBrokers.Count}")}." : "")}".TrimEnd(),
        ],
        brokerColumns, BrokerRows(report.PersonBrokers)));

        sections.Add(new("Single points of failure",
        [
            report.SinglePointsOfFailure.Count == 0
                ? "No single organisation or person holds the network together: every part stays connected if any one actor leaves."
                : "If one of these leaves, pairs of organisations lose every path between them.",
        ],
        ["#", "actor", "organisation pairs cut", "organisations cut off", "for example"],
        report.SinglePointsOfFailure.Select(f => (IReadOnlyList<string>)
        [
            f.Rank.ToString(CultureInfo.InvariantCulture), $"{f.Name} ({f.Label.ToLowerInvariant()})", f.DisconnectedOrganisationPairs.ToString("N0", CultureInfo.InvariantCulture),
            f.CutOffOrganisations.ToString(CultureInfo.InvariantCulture), string.Join(", ", f.CutOffExamples),
        ]).ToList()));

        sections.Add(new("Value chains",
        [
            "Organisations in the home region per sector and stage (outside the region in brackets).",
            report.Coverage.Sentence() + (report.Coverage.Derived > 0 ? " Derived positions come from the sectors an organisation's agreements concern and from its kind (universities and research institutes: research; companies in projects: prototyping and pilot; public bodies in projects: pilot; investors: finance); they are not facts of the source." : ""),
        ],
        ["sector", .. Vocabulary.Stages],
        report.Chains.Select(c => (IReadOnlyList<string>)
        [
            c.SectorName, .. c.Stages.Select(st => st.InRegion.Count + (st.External.Count > 0 ? $" ({st.External.Count})" : "")),
        ]).ToList()));

        var gaps = report.Chains.SelectMany(c => c.Gaps).ToList();
        // One row per sector for its missing stages; one row per other gap.
        var rows = report.Chains
            .Where(c => c.Gaps.Any(g => g.Kind == GapKind.Missing))
            .Select(c => (IReadOnlyList<string>)
            [
                c.SectorName, "missing", string.Join(", ", c.Gaps.Where(g => g.Kind == GapKind.Missing).Select(g => g.Stage)), "",
                $"No organisation at {(c.Gaps.Count(g => g.Kind == GapKind.Missing) == 1 ? "this stage" : "these stages")} of {c.SectorName}, in or outside the region.",
            ])
            .Concat(gaps.Where(g => g.Kind != GapKind.Missing).Select(g => (IReadOnlyList<string>)
            [
                g.SectorName, Gaps.Word(g.Kind), g.NextStage is null ? g.Stage : $"{g.Stage} → {g.NextStage}",
                g.Kind == GapKind.Unconnected ? $"{Gaps.Names(g.Actors)} | {Gaps.Names(g.NextActors)}" : Gaps.Names(g.Actors), g.Explanation,
            ]))
            .OrderBy(r => r[0], StringComparer.Ordinal)
            .ToList();
        sections.Add(new("Gaps",
        [
            gaps.Count == 0 ? "No gaps." : $"{Gaps.Count(report.Chains)}; a sector's missing stages share one row. {string.Join("; ", Enum.GetValues<GapKind>().Select(k => $"{Gaps.Word(k)}: {Gaps.Meaning(k)}"))}.",
            report.Coverage.Unplaced > 0 ? $"Organisations that lack a known sector or stage cannot fill a gap until they are recorded ({report.Coverage.Unplaced.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)})." : "Every organisation has a place in the value chains.",
        ],
        ["sector", "gap", "stage", "actors", "why"],
        rows));

        sections.Add(new("Introductions",
        [
            report.Introductions.Count == 0 ? "No introductions to suggest: no thin or unconnected gap has a candidate pair." : "Introductions that would close thin or unconnected gaps, best first per gap, with the reason.",
        ],
        ["sector", "introduce", "to", "score", "reason"],
        report.Introductions.Select(i => (IReadOnlyList<string>)[i.SectorName, i.FromName, i.ToName, F(i.Score, "F2"), i.Reason]).ToList()));

        if (report.Communities.Count > 0)
        {
            sections.Add(new("Communities",
            [
                $"Consensus = share of {report.StabilityRuns} Leiden runs (seeds × resolutions 0.8, 1.0, 1.2) in which members stay together; below 70% a community is an artefact of one run rather than a fact.",
            ],
            ["community", "size", "consensus", "largest members"],
            report.Communities.Select(c => (IReadOnlyList<string>)[$"{c.Label} ({(c.Community + 1).ToString(CultureInfo.InvariantCulture)})", Numbers.Count(c.Size), F(c.Consensus * 100, "F0") + "%", string.Join(", ", c.Examples)]).ToList()));
        }

        if (report.Change is { } change)
        {
            sections.Add(new($"Changes from {change.From:yyyy-MM-dd} to {change.To:yyyy-MM-dd}",
            [
                $"{change.NewTies.Count} new ties, {change.LostTies.Count} lost ties.",
                change.Rose.Count > 0 ? "Brokers that rose (betweenness in the organisation network): " + string.Join(", ", change.Rose.Select(r => $"{r.Name} ({Numbers.Format("betweenness", r.Before)} → {Numbers.Format("betweenness", r.After)})")) + "." : "No broker rose.",
                change.Fell.Count > 0 ? "Brokers that fell: " + string.Join(", ", change.Fell.Select(r => $"{r.Name} ({Numbers.Format("betweenness", r.Before)} → {Numbers.Format("betweenness", r.After)})")) + "." : "No broker fell.",
                change.GapsClosed.Count > 0 ? "Gaps closed: " + string.Join("; ", change.GapsClosed) + "." : "No gap closed.",
                change.GapsOpened.Count > 0 ? "Gaps opened: " + string.Join("; ", change.GapsOpened) + "." : "No gap opened.",
            ]));
        }
        return sections;
    }

    public static string Markdown(EcosystemReport report)
    {
        static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        var md = new StringBuilder();
        md.AppendLine($"# {report.Title}").AppendLine();
        foreach (var section in Sections(report))
        {
            md.AppendLine($"## {section.Heading}").AppendLine();
            foreach (var paragraph in section.Paragraphs)
                md.AppendLine(paragraph).AppendLine();
            if (section.Columns is { } columns && section.Rows is { Count: > 0 } rows)
            {
                md.AppendLine("| " + string.Join(" | ", columns.Select(Cell)) + " |");
                md.AppendLine("|" + string.Concat(columns.Select(_ => "---|")));
                foreach (var row in rows)
                    md.AppendLine("| " + string.Join(" | ", row.Select(Cell)) + " |");
                md.AppendLine();
            }
        }
        return md.ToString();
    }

    public static string Html(EcosystemReport report)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>")
            .AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .AppendLine($"<title>{E(report.Title)}</title>")
            .AppendLine("<style>body{font:14px/1.45 system-ui,sans-serif;color:#1d2430;max-width:1200px;margin:2rem auto;padding:0 1rem}h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #e4e7ec}table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #e4e7ec}th{background:#f2f4f7;font-size:.85rem}.synthetic{background:#fef0c7;color:#b54708;padding:.2rem .5rem;border-radius:4px}</style>")
            .AppendLine("</head><body>")
            .AppendLine($"<h1>{E(report.Title)}{(report.Summary.Synthetic ? " <span class=\"synthetic\">synthetic data</span>" : "")}</h1>");
        foreach (var section in Sections(report))
        {
            html.AppendLine($"<h2>{E(section.Heading)}</h2>");
            foreach (var paragraph in section.Paragraphs)
                html.AppendLine($"<p>{E(paragraph)}</p>");
            if (section.Columns is { } columns && section.Rows is { Count: > 0 } rows)
            {
                html.Append("<table><thead><tr>");
                foreach (var column in columns)
                    html.Append($"<th>{E(column)}</th>");
                html.AppendLine("</tr></thead><tbody>");
                foreach (var row in rows)
                    html.AppendLine("<tr>" + string.Concat(row.Select(c => $"<td>{E(c)}</td>")) + "</tr>");
                html.AppendLine("</tbody></table>");
            }
        }
        html.AppendLine("</body></html>");
        return html.ToString();
    }
}
