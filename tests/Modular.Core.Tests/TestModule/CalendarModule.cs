using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Composition;
using Modular.Core.Money;
using Modular.Core.Persistence;
using NodaTime;

namespace Modular.Core.Tests.TestModule;

/// <summary>A module whose migrations name NodaTime and currency columns with Core's helpers.</summary>
public sealed class CalendarModule : ModularModule
{
    public override string Name => "Calendar";

    public override void ConfigureServices(ModuleServices services) => services.AddDbContext<CalendarDbContext>();
}

public sealed class Appointment
{
    public Guid Id { get; set; }

    public Instant At { get; set; }

    public LocalDate Day { get; set; }

    public YearMonth Period { get; set; }

    public Currency Currency { get; set; }

    public Instant? CancelledAt { get; set; }

    public LocalDate MovedTo { get; set; }
}

public sealed class CalendarDbContext(DbContextOptions<CalendarDbContext> options) : ModuleDbContext(options)
{
    public override string Schema => "calendar";

    public DbSet<Appointment> Appointments => Set<Appointment>();

    protected override void ConfigureModel(ModelBuilder modelBuilder) => modelBuilder.Entity<Appointment>(e => e.ToTable("appointments"));
}

[DbContext(typeof(CalendarDbContext))]
[Migration("20261201040000_InitialCalendar")]
public sealed class InitialCalendar : ModuleMigration
{
    protected override string ModuleSchema => "calendar";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateModuleBasics(migrationBuilder);
        CreateModuleTable(migrationBuilder, "appointments", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            At = t.Instant(),
            Day = t.LocalDate(),
            Period = t.YearMonth(),
            Currency = t.Currency(),
        }, t => t.PrimaryKey("PK_" + Table("appointments"), x => x.Id));
    }
}

[DbContext(typeof(CalendarDbContext))]
[Migration("20261201040100_AppointmentChanges")]
public sealed class AppointmentChanges : ModuleMigration
{
    protected override string ModuleSchema => "calendar";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        AddModuleColumn<Instant>(migrationBuilder, "appointments", nameof(Appointment.CancelledAt), nullable: true);
        AddModuleColumn<LocalDate>(migrationBuilder, "appointments", nameof(Appointment.MovedTo));
    }
}
