using Microsoft.AspNetCore.Http;

namespace Network.Api.Imports;

/// <summary>
/// Uploaded files copied once into a folder of their own, named as uploaded (without any path); the folder goes away
/// when disposed (a page that keeps it moves it away first).
/// </summary>
public sealed class Upload : IDisposable
{
    /// <summary>A folder this old under the parent is left from a request that died; it is cleared away.</summary>
    private static readonly TimeSpan Stale = TimeSpan.FromHours(6);

    private Upload(string folder) => Folder = folder;

    public string Folder { get; }

    public IReadOnlyList<string> Names => Directory.GetFiles(Folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();

    /// <param name="parent">Where the upload's folder is made (the temporary folder, or the data folder's uploads/ for kept ones).</param>
    /// <param name="refuse">Why a file name is not accepted, or null when it is.</param>
    public static async Task<Upload> ReceiveAsync(IEnumerable<IFormFile> files, string parent, Func<string, string?> refuse, CancellationToken cancellationToken)
    {
        var list = files.ToList();
        if (list.Count == 0)
            throw new InvalidDataException("No file was uploaded; choose the files to import.");
        ClearOld(parent);
        var upload = new Upload(Path.Combine(parent, Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(upload.Folder);
        try
        {
            foreach (var file in list)
            {
                var name = Path.GetFileName(file.FileName);
                if (refuse(name) is { } reason)
                    throw new InvalidDataException($"{name}: {reason}");
                await using var target = File.Create(Path.Combine(upload.Folder, name));
                await file.CopyToAsync(target, cancellationToken);
            }
            return upload;
        }
        catch
        {
            upload.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
    }

    private static void ClearOld(string parent)
    {
        if (!Directory.Exists(parent))
            return;
        foreach (var old in Directory.GetDirectories(parent).Where(d => Directory.GetLastWriteTimeUtc(d) < DateTime.UtcNow - Stale))
        {
            try
            {
                Directory.Delete(old, recursive: true);
            }
            catch (IOException)
            {
                // In use by a request that is still reading it: cleared next time.
            }
        }
    }
}
