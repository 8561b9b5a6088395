using Modular.Core.Composition;
using Modular.Core.Files;

namespace Modular.Core.Links;

/// <summary>
/// The addresses hosts record for each other in the data folder (<c>addresses/{surface}.url</c>): the web host writes the
/// portal's address it listens on, so the worker started from the same folder links to it without configuration.
/// </summary>
public sealed class SurfaceAddressBook(DataFolder data)
{
    public string FileOf(PublicSurface surface) => Path.Combine(data.Path, "addresses", surface.ToString().ToLowerInvariant() + ".url");

    public string? Read(PublicSurface surface)
    {
        try
        {
            var text = File.Exists(FileOf(surface)) ? File.ReadAllText(FileOf(surface)).Trim() : null;
            return text is { Length: > 0 } && LinksOptions.IsHttpUrl(text) ? text : null;
        }
        catch (IOException)
        {
            return null; // being replaced by the host that writes it: the next link reads it again
        }
    }

    /// <summary>Replaces the recorded address atomically (readers never see half a file).</summary>
    public void Record(PublicSurface surface, string address) => AtomicFile.WriteAllText(FileOf(surface), address);
}
