using System.Text;
using System.Text.RegularExpressions;

namespace Network.Analysis.Text;

/// <summary>
/// Name folding for matching: lower case, Latin accents removed ("Liège" → "liege", "Kraków" → "krakow",
/// "Straße" → "strasse"). Explicit, because the app runs with invariant globalization, where Unicode normalisation
/// does not decompose accented letters.
/// </summary>
public static partial class Names
{
    /// <summary>The one rule for ids made from names: folded ("Zoë" → "zoe"), runs of anything but a–z and 0–9 as one dash, none at the ends.</summary>
    public static string Slug(string text) => NonSlug().Replace(Fold(text), "-").Trim('-');

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();

    private static readonly Dictionary<char, string> Folds = Build();

    public static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
            folded.Append(Folds.TryGetValue(c, out var plain) ? plain : c.ToString());
        return folded.ToString();
    }

    private static Dictionary<char, string> Build()
    {
        var folds = new Dictionary<char, string>();
        void Add(string accented, string plain)
        {
            foreach (var c in accented)
                folds[c] = plain;
        }
        Add("àáâãäåāăą", "a");
        Add("çćĉċč", "c");
        Add("ďđ", "d");
        Add("èéêëēĕėęě", "e");
        Add("ĝğġģ", "g");
        Add("ĥħ", "h");
        Add("ìíîïĩīĭįı", "i");
        Add("ĵ", "j");
        Add("ķ", "k");
        Add("ĺļľŀł", "l");
        Add("ñńņňŉ", "n");
        Add("òóôõöøōŏő", "o");
        Add("ŕŗř", "r");
        Add("śŝşšș", "s");
        Add("ţťŧț", "t");
        Add("ùúûüũūŭůűų", "u");
        Add("ŵ", "w");
        Add("ýÿŷ", "y");
        Add("źżž", "z");
        folds['ß'] = "ss";
        folds['æ'] = "ae";
        folds['œ'] = "oe";
        folds['þ'] = "th";
        return folds;
    }
}
