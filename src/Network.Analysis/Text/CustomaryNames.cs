using System.Globalization;

namespace Network.Analysis.Text;

/// <summary>
/// Names as people write them. Registers such as CORDIS spell names in capitals ("KATHOLIEKE UNIVERSITEIT LEUVEN");
/// a page shows the customary form: the short name when it is written as a name ("KU Leuven"), else the name in title
/// case with small words, legal forms and acronyms kept as they are written ("Interuniversitair Micro-Electronica
/// Centrum", "IBM Research GmbH": words of up to three letters and words without vowels stay in capitals).
/// </summary>
public static class CustomaryNames
{
    private static readonly HashSet<string> SmallWords = new(StringComparer.Ordinal)
    {
        "of", "the", "and", "for", "in", "on", "at", "to", "de", "del", "della", "der", "des", "di", "da", "do", "dos", "du",
        "e", "et", "en", "van", "von", "voor", "und", "fur", "für", "y", "la", "le", "les", "het", "zu", "im", "am", "i", "w", "och", "og",
        "zur", "zum", "aux", "au", "a", "l", "d", "delle", "dei", "degli", "dell", "sur", "per", "por", "para", "em", "dem", "den", "op", "aan",
    };

    private static readonly Dictionary<string, string> LegalForms = new(StringComparer.Ordinal)
    {
        ["GMBH"] = "GmbH", ["MBH"] = "mbH", ["LTD"] = "Ltd", ["INC"] = "Inc", ["SPRL"] = "SPRL", ["BVBA"] = "BVBA", ["VZW"] = "vzw",
        ["ASBL"] = "asbl", ["EV"] = "e.V.", ["KG"] = "KG", ["AG"] = "AG", ["SA"] = "SA", ["NV"] = "NV", ["BV"] = "BV", ["SRL"] = "Srl",
        ["SPA"] = "SpA", ["SL"] = "SL", ["SAS"] = "SAS", ["AB"] = "AB", ["AS"] = "AS", ["OY"] = "Oy", ["PLC"] = "plc", ["LLC"] = "LLC",
        ["EESV"] = "EESV", ["CV"] = "CV", ["SE"] = "SE", ["EEIG"] = "EEIG", ["IVZW"] = "ivzw", ["SCRL"] = "SCRL", ["APS"] = "ApS",
    };

    /// <summary>True when a name has letters and none of them is lower case.</summary>
    public static bool IsCapitals(string name) => name.Any(char.IsLetter) && !name.Any(char.IsLower);

    /// <summary>
    /// The customary form of a name given with an optional short name: the short name when it is written with lower
    /// case letters (a name, not a code), else the name itself unless it is all capitals, then its title case.
    /// </summary>
    public static string Of(string name, string? shortName = null)
    {
        if (shortName is { Length: > 1 } s && s.Any(char.IsLower) && s.Length <= name.Length)
            return s.Trim();
        return IsCapitals(name) ? TitleCase(name) : name;
    }

    /// <summary>"INTERUNIVERSITAIR MICRO-ELECTRONICA CENTRUM" → "Interuniversitair Micro-Electronica Centrum"; "IMEC" stays.</summary>
    public static string TitleCase(string name)
    {
        var words = name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // A single short word in capitals is an acronym ("IMEC", "VITO").
        if (words.Length == 1 && words[0].Count(char.IsLetter) <= 5)
            return words[0];
        for (var i = 0; i < words.Length; i++)
            words[i] = string.Join('-', words[i].Split('-').Select((part, j) => Word(part, i == 0 && j == 0)));
        return string.Join(' ', words);
    }

    private static string Word(string word, bool first)
    {
        var letters = new string(word.Where(char.IsLetter).ToArray());
        if (letters.Length == 0)
            return word;
        if (LegalForms.TryGetValue(letters, out var form) && word.Length <= letters.Length + 2)
            return word.Replace(letters, form, StringComparison.Ordinal);
        var lower = word.ToLowerInvariant();
        if (SmallWords.Contains(lower))
            return first ? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(lower) : lower;
        // Acronyms: up to three letters ("IBM", "UZA") or no vowel ("KRTK").
        if (letters.Length <= 3 || !letters.Any(c => "AEIOUY".Contains(c, StringComparison.Ordinal)))
            return word;
        // "D'INVESTIGACIO" → "d'Investigacio"; "O'NEILL" → "O'Neill".
        var apostrophe = lower.IndexOf('\'', StringComparison.Ordinal);
        if (apostrophe is 1 && lower.Length > 2)
            return (first ? char.ToUpperInvariant(lower[0]) : lower[0]) + "'" + char.ToUpperInvariant(lower[2]) + lower[3..];
        return CultureInfo.InvariantCulture.TextInfo.ToTitleCase(lower);
    }
}
