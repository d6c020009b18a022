using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Network.Data.Formats;

namespace Network.Data.Mapping;

/// <summary>A CSV file's columns and first rows, for a person to choose the mapping from and check it against.</summary>
public sealed record FileSample(string[] Columns, IReadOnlyList<string[]> Rows)
{
    public const int RowCount = 3;

    /// <summary>Up to three values of the column from the first rows ("HES, REC, PRC"), shortened.</summary>
    public string Examples(string column)
    {
        var at = Array.IndexOf(Columns, column);
        if (at < 0)
            return "";
        var values = Rows.Select(r => at < r.Length ? r[at] : "").Where(v => v.Length > 0).Distinct().Take(3)
            .Select(v => v.Length > 24 ? v[..23] + "…" : v);
        return string.Join(", ", values);
    }

    /// <summary>Every .csv file of the folder, by name (strict UTF-8, as the import reads them).</summary>
    public static IReadOnlyDictionary<string, FileSample> ReadAll(string folder) =>
        Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal)
            .ToDictionary(path => Path.GetFileName(path), Read, StringComparer.Ordinal);

    public static FileSample Read(string path)
    {
        using var reader = TextFiles.OpenUtf8(path);
        using var csv = new CsvReader(reader, TextFiles.CsvConfiguration(path));
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
            return new FileSample([], []);
        var rows = new List<string[]>();
        while (rows.Count < RowCount && csv.Read())
            rows.Add(csv.Parser.Record ?? []);
        return new FileSample(header.Select(h => h.Trim()).ToArray(), rows);
    }
}
