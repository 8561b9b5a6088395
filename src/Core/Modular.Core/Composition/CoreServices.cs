using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Demo;
using Modular.Core.Documents;
using Modular.Core.Email;
using Modular.Core.Health;
using Modular.Core.Localization;
using Modular.Core.Messaging;
using Modular.Core.Outbox;
using Modular.Core.Persistence;
using Modular.Core.Platform;
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
        services.AddSingleton(new ModuleCatalog(modules.Select(m => m.Name).ToList()));

        services.AddValidatedOptions<StorageOptions>(configuration, root + ":Storage")
            .PostConfigure(o =>
            {
                if (modular.Provider is { } provider)
                {
                    o.Provider = provider;
                    o.ConnectionString = modular.ConnectionString!;
                }
            });
        services.AddValidatedOptions<TimeOptions>(configuration, root + ":Time");
        services.AddValidatedOptions<LocalizationOptions>(configuration, root + ":Localization");
        services.AddValidatedOptions<TemplateOptions>(configuration, root + ":Templates");
        services.AddValidatedOptions<EmailOptions>(configuration, root + ":Email");
        services.AddValidatedOptions<SmsOptions>(configuration, root + ":Sms");
        services.AddValidatedOptions<OutboxOptions>(configuration, root + ":Outbox");
        services.AddValidatedOptions<DemoOptions>(configuration, root + ":Demo")
            .PostConfigure(o => o.Enabled = modular.DemoData ?? o.Enabled);
        services.AddSingleton<IValidateOptions<DemoOptions>, DemoOptionsValidator>();

        services.AddSingleton(modular.Clock ?? SystemClock.Instance);
        services.AddSingleton(sp => DateTimeZoneProviders.Tzdb[sp.GetRequiredService<IOptions<TimeOptions>>().Value.TimeZone]);
        services.AddSingleton<UtilityClock>();

        services.AddSingleton<ITextCatalog, TextCatalog>();
        services.AddSingleton(new TextSource(typeof(CoreServices).Assembly));
        services.AddSingleton<ITemplateRenderer, HandlebarsTemplateRenderer>();
        services.AddSingleton<IEmailSender>(sp => EmailSenderFactory.Create(sp));
        services.AddSingleton<ISmsSender, PickupSmsSender>();
        services.AddSingleton<EmailComposer>();
        services.TryAddSingleton<IPdfRenderer, UnavailablePdfRenderer>();

        services.TryAddScoped<ICurrentUser>(_ => AnonymousUser.Instance);
        services.AddScoped<IAccessScope, AccessScopeService>();
        services.AddScoped<UnitOfWork>();

        // Core's own store comes first, so it is migrated before the modules and is there for every mechanism using it.
        services.AddModuleDbContext<CoreDbContext>(CoreDbContext.StoreName);

        // Migrations run before any other hosted service starts, so the dispatcher and the hosts see the current schema.
        services.AddHostedService<MigrationHostedService>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxSaveInterceptor>();
        services.AddSingleton<OutboxProcessor>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddSingleton<DemoDataReport>();
        services.AddHostedService<DemoDataLoader>();

        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
    }
}
