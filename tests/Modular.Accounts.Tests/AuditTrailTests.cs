using System.Data.Common;
using Autofac;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Core.Access;
using Modular.Core.Audit;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Accounts.Tests;

/// <summary>Security events reach the audit trail with who and what, never a secret.</summary>
public abstract class AuditTrailTests(TestDatabase database) : AccountsTestBase(database)
{
    [DbFact]
    public async Task Log_ins_password_changes_and_sessions_are_audited_and_failures_stay_recorded()
    {
        var email = NewEmail();
        var userId = await CreateConfirmedUserAsync(email, await CreateCustomerAsync());
        (await Host.SendAsync(new LogIn(email, "gresit"), Caller.Anonymous.From("198.51.100.4"))).IsFailure.ShouldBeTrue();
        var session = (await Host.SendAsync(new LogIn(email, Password))).Value.Session!;
        await Host.SendAsync(new ChangePassword(Password, "o-parola-noua-si-lunga", "o-parola-noua-si-lunga"), Caller.Customer(userId).InSession(session.SessionId));

        var page = (await Host.SendAsync(new GetAuditTrail(UserId: userId))).Value;
        var actions = page.Entries.Select(e => (e.Action, e.Outcome)).ToList();
        actions.ShouldContain((SecurityEvents.LoginFailed, "accounts.invalid_credentials"));
        actions.ShouldContain((SecurityEvents.LoginSucceeded, "ok"));
        actions.ShouldContain((SecurityEvents.PasswordChanged, "ok"));
        page.Entries.Single(e => e.Action == SecurityEvents.LoginFailed).ClientAddress.ShouldBe("198.51.100.4");
    }

    [DbFact]
    public async Task Staff_commands_are_audited_with_the_staff_member_and_refusals_too()
    {
        var administrator = Caller.Staff(Guid.NewGuid(), [StaffRoles.Administrator]);
        var cashier = Caller.Staff(Guid.NewGuid(), [StaffRoles.Cashier], Channel.Counter).From("10.1.2.3");
        var created = (await Host.SendAsync(new CreateStaffMember(NewEmail(), "Nou", [StaffRoles.Cashier]), administrator)).Value;
        (await Host.SendAsync(new DisableStaffMember(created.StaffId), cashier)).Error.Code.ShouldBe("core.forbidden");

        var byAdministrator = (await Host.SendAsync(new GetAuditTrail(StaffId: administrator.StaffId))).Value.Entries;
        var command = byAdministrator.Single(e => e.Category == AuditCategory.Command);
        (command.Action, command.Outcome, command.CallerKind, command.Channel).ShouldBe(("Accounts.CreateStaffMember", "ok", CallerKind.Staff, Channel.Staff));
        var refused = (await Host.SendAsync(new GetAuditTrail(StaffId: cashier.StaffId))).Value.Entries.ShouldHaveSingleItem();
        (refused.Action, refused.Outcome, refused.Channel, refused.ClientAddress).ShouldBe(("Accounts.DisableStaffMember", "core.forbidden", Channel.Counter, "10.1.2.3"));
        refused.Ids.ShouldBe("StaffId=" + created.StaffId);
        (await Host.SendAsync(new GetAuditTrail(StaffId: created.StaffId))).Value.Entries.ShouldContain(e => e.Action == SecurityEvents.StaffCreated);
        (await Host.SendAsync(new GetAuditTrail(), cashier)).Error.Code.ShouldBe("core.forbidden");
    }

    [DbFact]
    public async Task The_audit_trail_is_paged_exported_kept_for_its_retention_time_and_never_updated()
    {
        var administrator = Caller.Staff(Guid.NewGuid(), [StaffRoles.Administrator]);
        for (var i = 0; i < 3; i++)
        {
            await Host.SendAsync(new CreateStaffMember(NewEmail(), "=cmd|' /C calc'!A0", [StaffRoles.Cashier]), administrator);
        }

        // Each creation is the administrator's command plus the security event "staff created" they caused.
        var first = (await Host.SendAsync(new GetAuditTrail(StaffId: administrator.StaffId, PageSize: 4))).Value;
        (first.Total, first.Entries.Count).ShouldBe((6, 4));
        (await Host.SendAsync(new GetAuditTrail(StaffId: administrator.StaffId, Page: 2, PageSize: 4))).Value.Entries.Count.ShouldBe(2);
        var csv = (await Host.SendAsync(new ExportAuditTrail(StaffId: administrator.StaffId))).Value;
        csv.Content.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(7);
        csv.Content.ShouldContain("Accounts.CreateStaffMember");

        await using (var scope = Host.BeginScope())
        {
            var db = (DbContext)scope.Resolve(typeof(Persistence.AccountsDbContext));
            var table = db.Database.IsNpgsql() ? "\"core\".\"audit_entries\"" : "\"core_audit_entries\"";
            var update = "UPDATE " + table + " SET \"Outcome\" = 'ok'";
            await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(update));
        }

        Host.Clock.Advance(NodaTime.Duration.FromDays(731));
        (await Host.SendAsync(new PurgeAuditTrail())).Value.ShouldBeGreaterThanOrEqualTo(6);
        (await Host.SendAsync(new GetAuditTrail(StaffId: administrator.StaffId))).Value.Total.ShouldBe(0);
    }

    [DbFact]
    public async Task Nothing_secret_is_stored_in_the_audit_trail()
    {
        var email = NewEmail();
        var userId = await CreateConfirmedUserAsync(email, await CreateCustomerAsync());
        var secrets = new List<string> { Password, "o-parola-noua-si-lunga", "gresit-de-tot" };
        await Host.SendAsync(new LogIn(email, "gresit-de-tot"));
        var session = (await Host.SendAsync(new LogIn(email, Password))).Value.Session!;
        secrets.Add(session.Secret);
        await Host.SendAsync(new ChangePassword(Password, "o-parola-noua-si-lunga", "o-parola-noua-si-lunga"), Caller.Customer(userId).InSession(session.SessionId));
        await Host.SendAsync(new RequestPasswordReset(email));
        var reset = await LatestTokenAsync(email, "/account/reset?");
        secrets.Add(reset);
        await Host.SendAsync(new ResetPassword(reset, "inca-una-noua-si-lunga", "inca-una-noua-si-lunga"));
        secrets.Add("inca-una-noua-si-lunga");

        var (enrolment, password) = await CreateStaffAsync();
        secrets.AddRange([password, SecretOf(enrolment), .. enrolment.RecoveryCodes, .. enrolment.RecoveryCodes.Select(c => c.Replace("-", string.Empty))]);
        var code = CodeAt(enrolment, Host.Clock.GetCurrentInstant());
        var staffSession = (await Host.SendAsync(new StaffLogIn(enrolment.Email, password, code))).Value.Session;
        await Host.SendAsync(new StaffLogIn(enrolment.Email, password, code));
        await Host.SendAsync(new StaffLogIn(enrolment.Email, password, enrolment.RecoveryCodes[1]));
        secrets.AddRange([code, staffSession.Secret]);
        var admin = (await Host.SendAsync(new CreateStaffMember(NewEmail(), "Admin", [StaffRoles.Administrator]))).Value;
        secrets.Add(admin.InitialPassword!);

        var stored = await AuditStringsAsync();
        stored.Count.ShouldBeGreaterThan(20);
        var leaks = stored.Where(value => secrets.Any(secret => value.Contains(secret, StringComparison.OrdinalIgnoreCase))).ToList();
        leaks.ShouldBeEmpty();
    }

    /// <summary>Every non-null value of every column of the audit table, as text.</summary>
    private async Task<List<string>> AuditStringsAsync()
    {
        await using var scope = Host.BeginScope();
        var db = (DbContext)scope.Resolve(typeof(Persistence.AccountsDbContext));
        var table = db.Database.IsNpgsql() ? "\"core\".\"audit_entries\"" : "\"core_audit_entries\"";
        var values = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using (DbCommand command = connection.CreateCommand())
        {
            command.CommandText = "SELECT * FROM " + table;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!await reader.IsDBNullAsync(i))
                    {
                        values.Add(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
                    }
                }
            }
        }

        await db.Database.CloseConnectionAsync();
        return values;
    }
}

public sealed class SqliteAuditTrailTests(SqliteDatabase database) : AuditTrailTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresAuditTrailTests(PostgresDatabase database) : AuditTrailTests(database), IClassFixture<PostgresDatabase>;
