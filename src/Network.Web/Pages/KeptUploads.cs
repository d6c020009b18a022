using Network.Api.Imports;

namespace Network.Web.Pages;

/// <summary>
/// The import page's uploads, kept between its three steps (upload, preview, import) in the data folder's uploads/,
/// each named by a token the page carries from step to step; removed after the import, or after six hours.
/// </summary>
public static class KeptUploads
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(6);

    /// <summary>Where the page receives files: inside uploads/, so that keeping one is a rename on the same disk.</summary>
    public static string Incoming(string uploads) => Path.Combine(uploads, "incoming");

    /// <summary>Keeps a received upload under a new token (the ones older than <see cref="KeptFor"/> go).</summary>
    public static string Keep(Upload upload, string uploads)
    {
        ClearOld(uploads);
        var token = Guid.NewGuid().ToString("N");
        Directory.Move(upload.Folder, Path.Combine(uploads, token));
        return token;
    }

    /// <summary>The folder of a kept upload; null for a token that is not one, or whose upload is gone.</summary>
    public static string? Folder(string uploads, string token) =>
        token.Length == 32 && token.All(char.IsAsciiHexDigit) && Directory.Exists(Path.Combine(uploads, token)) ? Path.Combine(uploads, token) : null;

    private static void ClearOld(string uploads)
    {
        foreach (var old in Directory.GetDirectories(uploads).Where(d => Path.GetFileName(d) != "incoming" && Directory.GetLastWriteTimeUtc(d) < DateTime.UtcNow - KeptFor))
        {
            try
            {
                Directory.Delete(old, recursive: true);
            }
            catch (IOException)
            {
                // Still being read by a request: removed next time.
            }
        }
    }
}
