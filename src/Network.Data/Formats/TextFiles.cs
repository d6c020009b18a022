using System.Buffers;
using System.Text;

namespace Network.Data.Formats;

/// <summary>
/// CSV files are read as strict UTF-8: a file in another encoding (Latin-1, Windows-1252) would otherwise import with
/// its accents replaced by question marks and say nothing. Such a file is refused, naming the file and the first byte
/// that is not UTF-8; so is a file that is not text at all.
/// </summary>
public static class TextFiles
{
    public static StreamReader OpenUtf8(string path)
    {
        var bytes = File.ReadAllBytes(path);
        // A NUL byte is valid UTF-8 but no CSV holds one: a spreadsheet, an image or an archive under a .csv name.
        if (Array.IndexOf(bytes, (byte)0) is var nul and >= 0)
            throw new InvalidDataException($"{Path.GetFileName(path)}: not a text file (byte {nul:N0} is binary data); export the data as CSV (UTF-8) and try again.");
        var at = FirstInvalidByte(bytes);
        if (at >= 0)
            throw new InvalidDataException($"{Path.GetFileName(path)}: byte {at:N0} is not UTF-8 text (0x{bytes[at]:X2}); save the file as UTF-8 (in Excel: \"CSV UTF-8\") and try again.");
        return new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
    }

    /// <summary>
    /// The field separator of a CSV file, from its header line: a semicolon when it has more semicolons than commas
    /// (Excel writes those where the decimal separator is a comma, as in Belgium), a tab likewise, else a comma.
    /// </summary>
    public static string Delimiter(string path)
    {
        using var reader = OpenUtf8(path);
        var header = reader.ReadLine() ?? "";
        int Count(char c) => header.Count(x => x == c);
        var (commas, semicolons, tabs) = (Count(','), Count(';'), Count('\t'));
        return semicolons > commas && semicolons >= tabs ? ";" : tabs > commas ? "\t" : ",";
    }

    /// <summary>How every CSV of an import is read: strict UTF-8 (a BOM is allowed), its own separator, any line ends.</summary>
    public static CsvHelper.Configuration.CsvConfiguration CsvConfiguration(string path) =>
        new(System.Globalization.CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null, DetectDelimiter = false, Delimiter = Delimiter(path) };

    /// <summary>The offset of the first byte that does not decode as UTF-8, or −1.</summary>
    public static long FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        var at = 0;
        while (at < bytes.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes[at..], out _, out var consumed);
            if (status != OperationStatus.Done)
                return at;
            at += consumed;
        }
        return -1;
    }
}
