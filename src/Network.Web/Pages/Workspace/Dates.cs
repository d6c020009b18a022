using System.Globalization;

namespace Network.Web.Pages.Workspace;

/// <summary>Dates as the pages take them: yyyy-mm-dd, or a message that names the field and the value.</summary>
public static class Dates
{
    /// <summary>Null for an empty text; the date; or an error naming <paramref name="field"/>.</summary>
    public static (DateOnly? Date, string? Error) Parse(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
            return (null, null);
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? (date, null)
            : (null, $"{field}: '{text}' is not a date; write it as yyyy-mm-dd");
    }
}
