using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Modular.Core.Persistence;
using NodaTime;

namespace Modular.Core.Composition;

/// <summary>Collects the host's choices: storage provider, clock and modules. Configuration fills what code leaves open.</summary>
public sealed class ModularBuilder
{
    public const string SectionName = "Modular";

    private readonly List<ModularModule> _modules = [];

    internal ModularBuilder(IConfiguration configuration, IHostEnvironment environment)
    {
        Configuration = configuration;
        Environment = environment;
        DataFolder = DataFolder.Resolve(configuration, environment.ContentRootPath);
    }

    public IConfiguration Configuration { get; }

    public IHostEnvironment Environment { get; }

    /// <summary>Where the default SQLite database and pickup folders live (see <see cref="Composition.DataFolder"/>).</summary>
    public DataFolder DataFolder { get; }

    public IReadOnlyList<ModularModule> Modules => _modules;

    internal StorageProvider? Provider { get; private set; }

    internal string? ConnectionString { get; private set; }

    internal IClock? Clock { get; private set; }

    internal bool? DemoData { get; private set; }
    internal bool RunsSchedules { get; private set; }

    /// <summary>
    /// Stores every module in one SQLite file (a path or a full connection string; a relative path is taken in the data
    /// folder). The default, with <c>modular.db</c> in the data folder.
    /// </summary>
    public ModularBuilder UseSqlite(string pathOrConnectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrConnectionString);
        Provider = StorageProvider.Sqlite;
        ConnectionString = pathOrConnectionString.Contains('=') ? pathOrConnectionString : $"Data Source={pathOrConnectionString}";
        return this;
    }

    /// <summary>Stores every module in one PostgreSQL database, a schema per module.</summary>
    public ModularBuilder UsePostgres(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Provider = StorageProvider.Postgres;
        ConnectionString = connectionString;
        return this;
    }

    /// <summary>Replaces the system clock (tests, simulations).</summary>
    public ModularBuilder UseClock(IClock clock)
    {
        Clock = clock ?? throw new ArgumentNullException(nameof(clock));
        return this;
    }

    /// <summary>
    /// Loads the modules' demo data into an empty database at start (as <c>Modular:Demo:Enabled</c> does); a Production
    /// host refuses to start with it.
    /// </summary>
    public ModularBuilder UseDemoData(bool enabled = true)
    {
        DemoData = enabled;
        return this;
    }

    /// <summary>
    /// Makes this host run the modules' scheduled jobs (the worker does; other hosts only register and report them).
    /// Each occurrence runs once however many hosts run schedules. <c>Modular:Schedules:RunJobs</c> overrides it.
    /// </summary>
    public ModularBuilder RunSchedules(bool run = true)
    {
        RunsSchedules = run;
        return this;
    }

    public ModularBuilder AddModule(ModularModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        _modules.Add(module);
        return this;
    }
}
