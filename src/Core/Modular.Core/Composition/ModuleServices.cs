using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Demo;
using Modular.Core.Localization;
using Modular.Core.Persistence;
using Modular.Core.Schedules;
using Modular.Core.Templates;

namespace Modular.Core.Composition;

/// <summary>What a module may add to the host while it is composed.</summary>
public sealed class ModuleServices
{
    internal ModuleServices(ModularModule module, IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        Module = module;
        Services = services;
        Root = configuration;
        Configuration = configuration.GetSection(ModularBuilder.SectionName + ":" + module.Name);
        Environment = environment;
    }

    public ModularModule Module { get; }

    public IServiceCollection Services { get; }

    /// <summary>The module's own section, <c>Modular:{Name}</c>.</summary>
    public IConfiguration Configuration { get; }

    public IConfiguration Root { get; }

    public IHostEnvironment Environment { get; }

    /// <summary>
    /// Binds <typeparamref name="TOptions"/> from <c>Modular:{Name}</c> (or a sub-section) and validates it when the
    /// host starts: data annotations, <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/> and any
    /// registered <see cref="IValidateOptions{TOptions}"/>.
    /// </summary>
    public OptionsBuilder<TOptions> AddOptions<TOptions>(string? subSection = null)
        where TOptions : class
    {
        var path = ModularBuilder.SectionName + ":" + Module.Name + (subSection is null ? string.Empty : ":" + subSection);
        return Services.AddValidatedOptions<TOptions>(Root, path);
    }

    /// <summary>Adds the module's DbContext on the host's storage provider, with its own schema or table prefix and migrations.</summary>
    public void AddDbContext<TContext>()
        where TContext : ModuleDbContext => Services.AddModuleDbContext<TContext>(Module.Name);

    /// <summary>
    /// Declares the module's staff permissions: a class of <c>const string</c> fields marked
    /// <see cref="StaffPermissionAttribute"/> (usually in its Contracts), with the roles that get each by default.
    /// </summary>
    public void AddStaffPermissions(Type declaring) => Services.AddStaffPermissions(declaring);

    /// <summary>
    /// Declares a named address on a public surface that the module's emails or documents link to (built with
    /// <see cref="Links.IPublicLinks.To"/>); the host serving the surface maps the same path.
    /// </summary>
    public void AddLinkRoute(string name, Links.PublicSurface surface, string path) =>
        Services.AddSingleton(new Links.LinkRoute(name, surface, path));

    /// <summary>Makes the module's embedded <c>templates/</c> and <c>texts/</c> resources available to Core's renderer and text catalog.</summary>
    public void AddResources(Assembly? assembly = null)
    {
        var source = assembly ?? Module.GetType().Assembly;
        Services.AddSingleton(new TemplateSource(Module.Name, source));
        Services.AddSingleton(new TextSource(source));
    }

    /// <summary>
    /// Registers the module's demo data (see <see cref="IDemoData"/>), loaded when the host asks for demo data and the
    /// database is empty: after the demo data of the modules this one depends on and of <paramref name="after"/> (modules
    /// it builds on without depending on them, e.g. Readings' meters on Accounts' contracts), when the host has them.
    /// </summary>
    public void AddDemoData<TDemoData>(params string[] after)
        where TDemoData : class, IDemoData
    {
        Services.AddScoped<TDemoData>();
        Services.AddSingleton(new DemoDataSource(Module.Name, typeof(TDemoData), after));
    }

    /// <summary>
    /// Adds the module's section to a portal user's "download my data" archive (<see cref="PersonalData.IPersonalDataSection"/>):
    /// resolved in the builder's scope as the system caller, so it may use the module's DbContext.
    /// </summary>
    public void AddPersonalDataSection<TSection>()
        where TSection : class, PersonalData.IPersonalDataSection =>
        Services.AddScoped<PersonalData.IPersonalDataSection, TSection>();

    /// <summary>
    /// Declares the module that owns portal users (Accounts): it answers whose data an archive holds
    /// (<see cref="PersonalData.IPersonalDataSubjects"/>), and the host then has archives to expire, so Core's
    /// <c>PersonalDataExpiry</c> job is declared with it (hosts without portal users have neither).
    /// </summary>
    public void AddPersonalDataSubjects<TSubjects>()
        where TSubjects : class, PersonalData.IPersonalDataSubjects
    {
        Services.AddScoped<PersonalData.IPersonalDataSubjects, TSubjects>();
        Services.AddTransient<PersonalData.PersonalDataExpiryJob>();
        Services.AddSingleton(new ScheduledJobDefinition(PersonalData.PersonalDataExpiryJob.Name, Module.Name,
            typeof(PersonalData.PersonalDataExpiryJob), PersonalData.PersonalDataExpiryJob.DefaultCron));
    }

    /// <summary>Adds an <see cref="PersonalData.IUserDataEraser"/> run inside the command that closes a portal user's account.</summary>
    public void AddUserDataEraser<TEraser>()
        where TEraser : class, PersonalData.IUserDataEraser =>
        Services.AddScoped<PersonalData.IUserDataEraser, TEraser>();

    /// <summary>
    /// This host composes every section of "download my data" (the web shell says so): it builds the archives unless
    /// <c>Modular:PersonalData:BuildArchives</c> says otherwise.
    /// </summary>
    public void BuildPersonalDataArchives()
    {
        var configured = Root[ModularBuilder.SectionName + ":PersonalData:" + nameof(PersonalData.PersonalDataOptions.BuildArchives)];
        Services.Configure<PersonalData.PersonalDataOptions>(o => o.BuildArchives = configured is null || bool.Parse(configured));
    }

    /// <summary>
    /// Declares a scheduled job: <typeparamref name="TJob"/> runs at each occurrence of <paramref name="cron"/> (five
    /// fields, in the utility's zone), once across every instance, as the system caller in its own scope. Configuration
    /// may replace the expression (<c>Modular:Schedules:{name}:Cron</c>) or switch the job off (<c>:Enabled</c>).
    /// </summary>
    /// <param name="name">Unique across modules; letters and digits, by convention starting with the module's name (e.g. <c>BillingRun</c>).</param>
    public void AddScheduledJob<TJob>(string name, string cron)
        where TJob : class, IScheduledJob
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!ScheduledJobDefinition.IsValidName(name) || ScheduleOptions.ReservedNames.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            throw new ModularConfigurationException(
                $"Module '{Module.Name}' declares a scheduled job named '{name}': a job name is letters and digits starting with a letter " +
                $"(it is a configuration key), and not one of {string.Join(", ", ScheduleOptions.ReservedNames)}.");
        }

        Services.AddTransient<TJob>();
        Services.AddSingleton(new ScheduledJobDefinition(name, Module.Name, typeof(TJob), cron));
    }
}
