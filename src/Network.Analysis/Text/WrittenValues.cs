using Network.Analysis.Domain;

namespace Network.Analysis.Text;

/// <summary>
/// Values as people write them in a members sheet, in English, Dutch or French, read as the domain's words: kinds
/// ("Universiteit", "Bedrijf", "Entreprise" → university, company), stages ("Onderzoek" → research) and countries
/// ("Belgium", "België", "Belgique" → BE). Unknown values are returned as null so the caller can name them.
/// </summary>
public static class WrittenValues
{
    private static readonly Dictionary<string, string> Kinds = Table(new()
    {
        ["university"] = ["university", "universiteit", "universite", "hogeschool", "college", "higher education", "haute ecole", "school"],
        ["research-institute"] = ["research institute", "research institution", "research centre", "research center", "research organisation", "research organization", "onderzoeksinstelling", "onderzoekscentrum", "onderzoeksinstituut", "centre de recherche", "institut de recherche", "lab", "laboratory"],
        ["company"] = ["company", "business", "firm", "enterprise", "corporation", "sme", "startup", "start-up", "scale-up", "scaleup", "spin-off", "spinoff", "bedrijf", "onderneming", "kmo", "entreprise", "societe", "pme", "industry"],
        ["investor"] = ["investor", "investment fund", "venture capital", "vc", "fund", "investeerder", "investeringsfonds", "durfkapitaal", "investisseur", "fonds"],
        ["government"] = ["government", "public body", "public authority", "city", "municipality", "province", "region", "ministry", "agency", "overheid", "stad", "gemeente", "provincie", "agentschap", "gouvernement", "ville", "commune", "autorite publique"],
        ["intermediary"] = ["intermediary", "cluster", "network", "incubator", "accelerator", "science park", "innovation hub", "platform", "intermediair", "netwerk", "incubateur", "pole", "reseau"],
        ["civil-society"] = ["civil society", "ngo", "non-profit", "nonprofit", "association", "foundation", "vzw", "stichting", "vereniging", "asbl", "fondation"],
        ["other"] = ["other", "andere", "overig", "autre"],
    });

    private static readonly Dictionary<string, string> Stages = Table(new()
    {
        ["research"] = ["research", "onderzoek", "recherche", "r&d", "basic research"],
        ["prototyping"] = ["prototyping", "prototype", "prototypes", "development", "ontwikkeling", "prototypage", "developpement"],
        ["pilot"] = ["pilot", "piloot", "pilote", "demonstration", "demonstratie", "test", "testing"],
        ["production"] = ["production", "productie", "manufacturing", "fabricage", "fabrication"],
        ["market"] = ["market", "markt", "marche", "sales", "commercialisation", "commercialization", "verkoop"],
        ["finance"] = ["finance", "financing", "funding", "financiering", "financement", "investment", "investering"],
    });

    private static readonly Dictionary<string, string> Countries = Table(new()
    {
        ["BE"] = ["belgium", "belgie", "belgique", "belgien"], ["NL"] = ["netherlands", "the netherlands", "nederland", "pays-bas", "holland"],
        ["FR"] = ["france", "frankrijk", "frankreich"], ["DE"] = ["germany", "duitsland", "allemagne", "deutschland"],
        ["LU"] = ["luxembourg", "luxemburg"], ["GB"] = ["united kingdom", "uk", "great britain", "verenigd koninkrijk", "royaume-uni", "england"],
        ["IE"] = ["ireland", "ierland", "irlande"], ["ES"] = ["spain", "spanje", "espagne", "espana"], ["PT"] = ["portugal"],
        ["IT"] = ["italy", "italie", "italia"], ["AT"] = ["austria", "oostenrijk", "autriche", "osterreich"],
        ["CH"] = ["switzerland", "zwitserland", "suisse", "schweiz"], ["DK"] = ["denmark", "denemarken", "danemark"],
        ["SE"] = ["sweden", "zweden", "suede"], ["NO"] = ["norway", "noorwegen", "norvege"], ["FI"] = ["finland", "finlande"],
        ["PL"] = ["poland", "polen", "pologne"], ["CZ"] = ["czech republic", "czechia", "tsjechie", "republique tcheque"],
        ["GR"] = ["greece", "griekenland", "grece"], ["HU"] = ["hungary", "hongarije", "hongrie"], ["RO"] = ["romania", "roemenie", "roumanie"],
        ["US"] = ["united states", "usa", "verenigde staten", "etats-unis"], ["CN"] = ["china", "chine"], ["JP"] = ["japan", "japon"],
        ["IN"] = ["india", "inde"], ["CA"] = ["canada"], ["IL"] = ["israel"], ["KR"] = ["south korea", "korea", "zuid-korea", "coree du sud"],
    });

    /// <summary>The organisation kind a written word means, or null.</summary>
    public static string? Kind(string written) =>
        Vocabulary.IsOneOf(Vocabulary.OrganisationKinds, written) ? written : Kinds.GetValueOrDefault(Key(written));

    /// <summary>The value-chain stage a written word means, or null.</summary>
    public static string? Stage(string written) =>
        Vocabulary.IsOneOf(Vocabulary.Stages, written) ? written : Stages.GetValueOrDefault(Key(written));

    /// <summary>The ISO 3166-1 alpha-2 code of a written country (a code in any case, or a name), or null.</summary>
    public static string? Country(string written)
    {
        var trimmed = written.Trim();
        if (trimmed.Length == 2 && trimmed.All(char.IsAsciiLetter))
            return trimmed.ToUpperInvariant() switch { "UK" => "GB", "EL" => "GR", var code => code };
        return Countries.GetValueOrDefault(Key(trimmed));
    }

    private static string Key(string written) => NameSearch.Normalise(written);

    private static Dictionary<string, string> Table(Dictionary<string, string[]> words) =>
        words.SelectMany(w => w.Value.Select(v => (Key: Key(v), w.Key))).ToDictionary(x => x.Key, x => x.Item2, StringComparer.Ordinal);
}
