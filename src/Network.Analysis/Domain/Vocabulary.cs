namespace Network.Analysis.Domain;

/// <summary>The closed word lists of the domain: kinds, stages. Values are lower-case, hyphenated, as in the CSV files.</summary>
public static class Vocabulary
{
    public static readonly IReadOnlyList<string> OrganisationKinds =
        ["university", "research-institute", "company", "investor", "government", "intermediary", "civil-society", "other"];

    public static readonly IReadOnlyList<string> AgreementKinds =
        ["mou", "partnership", "fund", "twinning", "membership", "project"];

    public static readonly IReadOnlyList<string> EventKinds = ["delegation", "visit", "forum"];

    /// <summary>Value-chain stages in chain order; finance runs alongside the chain.</summary>
    public static readonly IReadOnlyList<string> Stages =
        ["research", "prototyping", "pilot", "production", "market", "finance"];

    /// <summary>Position of a stage in the chain (research = 0); -1 for an unknown stage.</summary>
    public static int StageIndex(string stage)
    {
        for (var i = 0; i < Stages.Count; i++)
        {
            if (Stages[i] == stage)
                return i;
        }
        return -1;
    }

    public static bool IsOneOf(IReadOnlyList<string> allowed, string? value) =>
        value is not null && allowed.Contains(value, StringComparer.Ordinal);

    public static string Describe(IReadOnlyList<string> allowed) => string.Join(", ", allowed);

    /// <summary>An organisation kind in the plural, as a sentence says it: "companies", "research institutes".</summary>
    public static string KindPlural(string kind) => kind switch
    {
        "company" => "companies",
        "civil-society" => "civil-society organisations",
        "other" => "other organisations",
        _ when kind.EndsWith('y') && kind.Length > 1 && !"aeiou".Contains(kind[^2]) => kind.Replace('-', ' ')[..^1] + "ies",
        _ => kind.Replace('-', ' ') + "s",
    };
}
