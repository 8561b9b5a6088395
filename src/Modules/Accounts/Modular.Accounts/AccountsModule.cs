using Autofac;
using Modular.Accounts.Access;
using Modular.Accounts.Import;
using Modular.Accounts.Persistence;
using Modular.Accounts.Security;
using Modular.Accounts.Sessions;
using Modular.Accounts.Staff;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Accounts.Contracts;

namespace Modular.Accounts;

/// <summary>The Accounts module: customer directory, portal users and the access scope of every other module.</summary>
public sealed class AccountsModule : ModularModule
{
    public override string Name => "Accounts";

    public override void ConfigureServices(ModuleServices services)
    {
        services.AddOptions<AccountsOptions>();
        services.AddOptions<StaffOptions>("Staff");
        services.AddOptions<ProofLimitOptions>("ProofLimits");
        services.AddOptions<PasswordHashingOptions>("PasswordHashing");
        services.AddDbContext<AccountsDbContext>();
        services.AddStaffPermissions(typeof(AccountsPermissions));
        services.AddResources();
        services.AddDemoData<Demo.AccountsDemoData>();
        Notifications.AccountLinks.Register(services);
        services.AddPersonalDataSection<PersonalData.AccountsPersonalDataSection>();
        services.AddPersonalDataSubjects<PersonalData.AccountsPersonalDataSubjects>();
    }

    protected override void Register(ContainerBuilder builder)
    {
        builder.RegisterType<AccountsAccessScopeProvider>().As<IAccessScopeProvider>().InstancePerLifetimeScope();
        builder.RegisterType<PasswordHasher>().SingleInstance();
        builder.RegisterType<PasswordPolicy>().SingleInstance();
        builder.RegisterType<ProofChecker>().InstancePerDependency();
        builder.RegisterType<LoginThrottle>().InstancePerDependency();
        builder.RegisterType<Reauthentication>().InstancePerDependency();
        builder.RegisterType<CustomerUpserter>().InstancePerDependency();
        builder.RegisterType<SessionStore>().InstancePerLifetimeScope();
        builder.RegisterType<ExternalSignIn.IdentityNumberHasher>().SingleInstance();
        builder.RegisterType<NoPersonalAccessTokens>().As<IPersonalAccessTokens>().SingleInstance().PreserveExistingDefaults();
    }
}
