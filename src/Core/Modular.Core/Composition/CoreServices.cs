using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Audit;
using Modular.Core.Demo;
using Modular.Core.Documents;
using Modular.Core.Email;
using Modular.Core.Health;
using Modular.Core.Links;
using Modular.Core.Limits;
using Modular.Core.Localization;
using Modular.Core.Messaging;
using Modular.Core.Outbox;
using Modular.Core.Persistence;
using Modular.Core.Platform;
using Modular.Core.Schedules;
using Modular.Core.Templates;
using Modular.Core.Time;
using NodaTime;

namespace Modular.Core.Composition;

/// <summary>Core's registrations on the service collection (options, hosted services); handlers live in <see cref="CoreAutofacModule"/>.</summary>
internal static class CoreServices
{
    public static void AddModularCore(this IServiceCollection services, IConfiguration configuration, ModularBuilder modular,
        IReadOnlyList<ModularModule> modules)
    {
        const string root = ModularBuilder.SectionName;
        var data = modular.DataFolder;
        services.AddSingleton(new ModuleCatalog(modules.Select(m => m.Name).ToList()));
        services.AddSingleton(data);

        // Files without an absolute path (the SQLite database, the pickup folders) live in the data folder, so every host
        // started from the same place shares them.
        services.AddValidatedOptions<StorageOptions>(configuration, root + ":Storage")
            .PostConfigure(o =>
            {
                if (modular.Provider is { } provider)
                {
                    o.Provider = provider;
                    o.ConnectionString = modular.ConnectionString!;
                }
                else if (string.IsNullOrWhiteSpace(configuration[root + ":Storage:ConnectionString"]) && o.Provider == StorageProvider.Sqlite)
                {
                    o.ConnectionString = "Data Source=" + DataFolder.DefaultDatabaseFile;
                }

                if (o.Provider == StorageProvider.Sqlite && !string.IsNullOrWhiteSpace(o.ConnectionString))
                {
                    o.ConnectionString = data.PlaceSqlite(o.ConnectionString);
                }
            });
        services.AddValidatedOptions<TimeOptions>(configuration, root + ":Time");
        services.AddValidatedOptions<LocalizationOptions>(configuration, root + ":Localization");
        services.AddValidatedOptions<TemplateOptions>(configuration, root + ":Templates");
        services.AddValidatedOptions<EmailOptions>(configuration, root + ":Email")
            .PostConfigure(o => o.PickupDirectory = string.IsNullOrWhiteSpace(o.PickupDirectory) ? o.PickupDirectory : data.Combine(o.PickupDirectory));
        services.AddValidatedOptions<SmsOptions>(configuration, root + ":Sms")
            .PostConfigure(o => o.PickupDirectory = string.IsNullOrWhiteSpace(o.PickupDirectory) ? o.PickupDirectory : data.Combine(o.PickupDirectory));
        services.AddValidatedOptions<LinksOptions>(configuration, root + ":Links");
        services.AddValidatedOptions<OutboxOptions>(configuration, root + ":Outbox");
        services.AddValidatedOptions<DemoOptions>(configuration, root + ":Demo")
            .PostConfigure(o => o.Enabled = modular.DemoData ?? o.Enabled);
        services.AddSingleton<IValidateOptions<DemoOptions>, DemoOptionsValidator>();
        services.AddValidatedOptions<AccessOptions>(configuration, root + ":Access");
        services.AddSingleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>();
        services.AddValidatedOptions<AuditOptions>(configuration, root + ":Audit");
        services.AddValidatedOptions<SessionTimeouts>(configuration, root + ":Sessions");
        services.AddStaffPermissions(typeof(CorePermissions));
        services.AddSingleton<StaffPermissions>();

        // The host's code says whether it runs jobs (RunSchedules()); configuration, bound after, has the last word.
        services.Configure<ScheduleOptions>(o => o.RunJobs = modular.RunsSchedules);
        services.AddValidatedOptions<ScheduleOptions>(configuration, ScheduleCatalog.Section);
        services.AddSingleton<IValidateOptions<ScheduleOptions>>(sp => new ScheduleOptionsValidator(
            sp.GetServices<ScheduledJobDefinition>(), configuration, sp.GetRequiredService<DateTimeZone>));

        services.AddSingleton(modular.Clock ?? SystemClock.Instance);
        services.AddSingleton(sp => DateTimeZoneProviders.Tzdb[sp.GetRequiredService<IOptions<TimeOptions>>().Value.TimeZone]);
        services.AddSingleton<UtilityClock>();

        services.AddSingleton<ITextCatalog, TextCatalog>();
        services.AddSingleton(new TextSource(typeof(CoreServices).Assembly));
        services.AddSingleton<ITemplateRenderer, ScribanTemplateRenderer>();
        services.AddSingleton<IEmailSender>(sp => EmailSenderFactory.Create(sp));
        services.AddSingleton<ISmsSender, PickupSmsSender>();
        services.AddSingleton<EmailComposer>();
        services.TryAddSingleton<IPdfRenderer, UnavailablePdfRenderer>();
        services.AddValidatedOptions<Printing.PrintingOptions>(configuration, root + ":Printing")
            .PostConfigure(o => o.Folder = data.Combine(o.Folder));
        services.TryAddSingleton<Printing.IReceiptPrinter, Printing.FileReceiptPrinter>();

        services.TryAddScoped<ICurrentUser>(_ => AnonymousUser.Instance);
        services.AddScoped<IAccessScope, AccessScopeService>();
        services.AddScoped<UnitOfWork>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<IAuditTrail>(sp => sp.GetRequiredService<AuditTrail>());
        services.AddSingleton<SurfaceAddressBook>();
        services.AddSingleton<IPublicLinks>(sp => new PublicLinks(sp.GetRequiredService<IOptionsMonitor<LinksOptions>>(),
            sp.GetServices<LinkRoute>(), sp.GetRequiredService<SurfaceAddressBook>(), sp.GetService<IServedSurfaces>()));
        services.AddScoped<IAttemptLimiter, AttemptLimiter>();

        // "Download my data": Core builds the archive from the modules' sections and keeps it for a while.
        services.AddValidatedOptions<PersonalData.PersonalDataOptions>(configuration, root + ":PersonalData");
        services.AddSingleton<PersonalData.PersonalDataSignal>();
        services.AddSingleton<PersonalData.PersonalDataExportBuilder>();
        services.AddHostedService<PersonalData.PersonalDataExportService>();
        services.AddScoped<PersonalData.IUserDataEraser, PersonalData.PersonalDataExportEraser>();
        services.AddScoped<PersonalData.IPersonalDataSection, PersonalData.AuditSection>();

        // Core's own store comes first, so it is migrated before the modules and is there for every mechanism using it.
        services.AddModuleDbContext<CoreDbContext>(CoreDbContext.StoreName);

        // Migrations run before any other hosted service starts, so the dispatcher and the hosts see the current schema.
        services.AddSingleton<ModularMigrator>();
        services.AddHostedService<StartReport>();
        services.AddHostedService<MigrationHostedService>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxSaveInterceptor>();
        services.AddSingleton<OutboxConnections>();
        services.AddSingleton<OutboxQueue>();
        services.AddSingleton<OutboxRegistry>();
        services.AddSingleton(sp => new ConsumerCatalog(sp.GetRequiredService<Autofac.ILifetimeScope>()));
        services.AddSingleton(sp => new OutboxProcessor(sp.GetRequiredService<Autofac.ILifetimeScope>(), sp.GetServices<ModuleStore>(),
            sp.GetRequiredService<IClock>(), sp.GetRequiredService<IOptions<OutboxOptions>>(), sp.GetRequiredService<IHostEnvironment>(),
            sp.GetRequiredService<OutboxQueue>(), sp.GetRequiredService<OutboxRegistry>(), sp.GetRequiredService<ConsumerCatalog>(),
            sp.GetRequiredService<ILogger<OutboxProcessor>>()));
        services.AddHostedService<OutboxRegistration>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddSingleton<DemoDataReport>();
        services.AddHostedService<DemoDataLoader>();

        services.AddSingleton(sp => new ScheduleCatalog(sp.GetServices<ScheduledJobDefinition>(), configuration, sp.GetRequiredService<DateTimeZone>));
        services.AddSingleton<ScheduleStatuses>();
        services.AddSingleton(sp => new ScheduleRunner(sp.GetRequiredService<Autofac.ILifetimeScope>(), sp.GetRequiredService<ScheduleCatalog>(),
            sp.GetRequiredService<IClock>(), sp.GetRequiredService<IOptions<ScheduleOptions>>(), sp.GetRequiredService<ILogger<ScheduleRunner>>()));
        services.AddHostedService<ScheduleService>();

        // Readiness is every check tagged "ready"; the database is the first of them.
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: [HealthTags.Ready])
            .AddCheck<ScheduleHealthCheck>("schedules", tags: [HealthTags.Ready])
            .AddCheck<OutboxHealthCheck>("outbox", tags: [HealthTags.Ready]);
    }
}
