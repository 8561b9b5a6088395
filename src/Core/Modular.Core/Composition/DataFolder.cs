using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Modular.Core.Composition;

/// <summary>
/// Where a host keeps its local files when nothing else is configured: the SQLite database, the mail and SMS pickup
/// folders and the addresses hosts record for each other. Every host started from the same source tree finds the same
/// folder (<c>data/</c> beside <c>Modular.sln</c>), so the portal, the worker and the kiosk share one database and one
/// mailbox with no configuration; outside a source tree it is <c>data/</c> in the content root.
/// <c>Modular:DataFolder</c> sets it explicitly (relative to the content root).
/// </summary>
public sealed class DataFolder
{
    public const string ConfigurationKey = ModularBuilder.SectionName + ":DataFolder";
    public const string DefaultDatabaseFile = "modular.db";
    private const string SolutionFile = "Modular.sln";

    private DataFolder(string path, string origin)
    {
        Path = path;
        Origin = origin;
    }

    /// <summary>The folder's full path (not created until something writes there).</summary>
    public string Path { get; }

    /// <summary>How it was found, for the start-up message: configured, source tree or content root.</summary>
    public string Origin { get; }

    public static DataFolder Resolve(IConfiguration configuration, string contentRoot)
    {
        if (configuration[ConfigurationKey] is { Length: > 0 } configured)
        {
            return new DataFolder(System.IO.Path.GetFullPath(configured, contentRoot), "configured in " + ConfigurationKey);
        }

        for (var directory = new DirectoryInfo(contentRoot); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, SolutionFile)))
            {
                return new DataFolder(System.IO.Path.Combine(directory.FullName, "data"), "source tree " + directory.FullName);
            }
        }

        return new DataFolder(System.IO.Path.Combine(System.IO.Path.GetFullPath(contentRoot), "data"), "content root");
    }

    /// <summary>A path in this folder; an absolute <paramref name="path"/> is kept as it is.</summary>
    public string Combine(string path) => System.IO.Path.GetFullPath(path, Path);

    /// <summary>The SQLite connection string with a relative file name moved into this folder (memory databases untouched).</summary>
    public string PlaceSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || builder.Mode == SqliteOpenMode.Memory
            || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || System.IO.Path.IsPathRooted(source))
        {
            return connectionString;
        }

        builder.DataSource = Combine(source);
        return builder.ToString();
    }
}
