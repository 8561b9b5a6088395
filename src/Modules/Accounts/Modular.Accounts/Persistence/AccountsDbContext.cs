using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Domain;
using Modular.Core.Persistence;

namespace Modular.Accounts.Persistence;

internal sealed class AccountsDbContext(DbContextOptions<AccountsDbContext> options) : ModuleDbContext(options)
{
    public const string SchemaName = "accounts";

    public override string Schema => SchemaName;

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Contract> Contracts => Set<Contract>();

    public DbSet<User> Users => Set<User>();

    public DbSet<UserCustomer> UserCustomers => Set<UserCustomer>();

    public DbSet<UserToken> UserTokens => Set<UserToken>();

    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();

    public DbSet<StaffRecoveryCode> StaffRecoveryCodes => Set<StaffRecoveryCode>();

    public DbSet<Session> Sessions => Set<Session>();

    public DbSet<ExternalLogin> ExternalLogins => Set<ExternalLogin>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Customer>(e =>
        {
            e.ToTable("customers");
            e.Property(c => c.ClientCode).HasMaxLength(50);
            e.Property(c => c.Name).HasMaxLength(300);
            e.Property(c => c.Email).HasMaxLength(320);
            e.Property(c => c.Phone).HasMaxLength(20);
            foreach (var (name, length) in Migrations.CustomerLegalData.Columns)
            {
                e.Property(name).HasMaxLength(length);
            }

            e.HasIndex(c => c.ClientCode).IsUnique();
        });
        modelBuilder.Entity<Contract>(e =>
        {
            e.ToTable("contracts");
            e.Property(c => c.ContractNumber).HasMaxLength(50);
            e.Property(c => c.InternalCode).HasMaxLength(50);
            e.Property(c => c.ServiceAddress).HasMaxLength(500);
            e.HasIndex(c => c.ContractNumber).IsUnique();

            // The premises' coordinates: migration 20261202020100_PremisesCoordinates.
            e.HasIndex(c => c.CustomerId);
        });
        modelBuilder.Entity<User>(e =>
        {
            e.ToTable("users");
            e.Property(u => u.Email).HasMaxLength(320);
            e.Property(u => u.NormalizedEmail).HasMaxLength(320);
            e.Property(u => u.PasswordHash).HasMaxLength(300);
            e.Property(u => u.Phone).HasMaxLength(20);
            e.Property(u => u.Culture).HasMaxLength(5);
            e.Property(u => u.TermsVersion).HasMaxLength(50);
            e.Property(u => u.InvoiceConditionsVersion).HasMaxLength(50);
            e.Property(u => u.Version).IsConcurrencyToken();
            e.HasIndex(u => u.NormalizedEmail).IsUnique();
        });
        modelBuilder.Entity<UserCustomer>(e =>
        {
            e.ToTable("user_customers");
            e.HasKey(l => new { l.UserId, l.CustomerId });
            e.HasIndex(l => l.CustomerId);
        });
        modelBuilder.Entity<UserToken>(e =>
        {
            e.ToTable("user_tokens");
            e.Property(t => t.Hash).HasMaxLength(64);
            e.Property(t => t.NewEmail).HasMaxLength(320);
            e.Property(t => t.UsedAt).IsConcurrencyToken();
            e.HasIndex(t => t.Hash).IsUnique();
            e.HasIndex(t => t.UserId);
        });
        modelBuilder.Entity<StaffMember>(e =>
        {
            e.ToTable("staff_members");
            e.Property(s => s.Email).HasMaxLength(320);
            e.Property(s => s.NormalizedEmail).HasMaxLength(320);
            e.Property(s => s.DisplayName).HasMaxLength(200);
            e.Property(s => s.Roles).HasMaxLength(500);
            e.Property(s => s.PasswordHash).HasMaxLength(300);
            e.Property(s => s.TotpSecret).HasMaxLength(64);
            e.Property(s => s.Version).IsConcurrencyToken();
            e.HasIndex(s => s.NormalizedEmail).IsUnique();
            e.Ignore(s => s.RoleList);
        });
        modelBuilder.Entity<StaffRecoveryCode>(e =>
        {
            e.ToTable("staff_recovery_codes");
            e.Property(c => c.Hash).HasMaxLength(64);
            e.HasIndex(c => new { c.StaffId, c.Hash }).IsUnique();
        });
        modelBuilder.Entity<Session>(e =>
        {
            e.ToTable("sessions");
            e.Property(s => s.SecretHash).HasMaxLength(64);
            e.Property(s => s.EndReason).HasMaxLength(50);
            e.Property(s => s.ClientAddress).HasMaxLength(100);
            e.Property(s => s.UserAgent).HasMaxLength(300);
            e.Property(s => s.ActingReason).HasMaxLength(500);
            e.HasIndex(s => s.SecretHash).IsUnique();
            e.HasIndex(s => new { s.PrincipalId, s.Kind });
        });
        modelBuilder.Entity<ExternalLogin>(e =>
        {
            e.ToTable("external_logins");
            e.Property(l => l.Provider).HasMaxLength(30);
            e.Property(l => l.Subject).HasMaxLength(200);
            e.Property(l => l.IdentityHash).HasMaxLength(64);
            e.HasIndex(l => new { l.Provider, l.Subject }).IsUnique();
            e.HasIndex(l => new { l.UserId, l.Provider }).IsUnique();
        });
    }
}
