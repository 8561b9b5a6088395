using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Modular.Accounts.Contracts;
using Modular.Core.Access;
using Modular.Core.Audit;
using Modular.Core.PersonalData;
using Modular.Core.Results;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Accounts.Tests;

/// <summary>"Your data": the archive of a user's data (built in the background, offered for a while) and closing the account.</summary>
public abstract class PersonalDataTests(TestDatabase database) : AccountsTestBase(database)
{
    // --- Close account ---

    [DbFact]
    public async Task Closing_the_account_erases_its_personal_data_ends_its_sessions_and_keeps_the_customer()
    {
        var customer = await CreateCustomerAsync();
        var (userId, email) = await UserAsync(customer);
        var session = (await Host.SendAsync(new LogIn(email, Password))).Value.Session!;
        await InDbAsync(db =>
        {
            db.ExternalLogins.Add(new Domain.ExternalLogin
            {
                Id = Guid.NewGuid(), UserId = userId, Provider = "bank", Subject = "sub-" + Guid.NewGuid().ToString("N"), IdentityHash = "hash",
                LinkedAt = Host.Clock.GetCurrentInstant(),
            });
            return db.SaveChangesAsync();
        });

        (await Host.SendAsync(new CloseAccount(Password, Confirmed: true), As(userId).InSession(session.SessionId))).IsSuccess.ShouldBeTrue();

        (await Host.SendAsync(new LogIn(email, Password))).Error.Code.ShouldBe("accounts.invalid_credentials");
        (await Host.SendAsync(new ValidateSession(session.Secret))).Error.Code.ShouldBe("accounts.session_invalid");
        var user = await InDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == userId));
        user.Email.ShouldNotContain("@");
        user.NormalizedEmail.ShouldNotContain(email);
        (user.PasswordHash, user.Phone, user.ClosedAt).ShouldBe((string.Empty, null, Host.Clock.GetCurrentInstant()));
        (await InDbAsync(db => db.UserCustomers.CountAsync(l => l.UserId == userId))).ShouldBe(0);
        (await InDbAsync(db => db.UserTokens.CountAsync(t => t.UserId == userId))).ShouldBe(0);
        (await InDbAsync(db => db.ExternalLogins.CountAsync(e => e.UserId == userId))).ShouldBe(0);
        (await InDbAsync(db => db.Sessions.CountAsync(s => s.PrincipalId == userId && (s.ClientAddress != null || s.UserAgent != null || s.EndedAt == null))))
            .ShouldBe(0);

        // The customer (and so its contracts, invoices and payments) stays with the utility.
        (await Host.SendAsync(new FindCustomerByClientCode(customer.ClientCode))).Value.CustomerId.ShouldBe(customer.Id);
        (await OutboxCountAsync(nameof(UserAccountClosed), userId)).ShouldBe(1);
        var audit = (await Host.SendAsync(new GetAuditTrail(UserId: userId, PageSize: 100))).Value.Entries;
        audit.ShouldContain(a => a.Action == "security.account_closed" && a.Outcome == AuditOutcomes.Ok && a.SubjectId == userId);
    }

    [DbFact]
    public async Task The_email_of_a_closed_account_can_register_again()
    {
        var customer = await CreateCustomerAsync();
        var (userId, email) = await UserAsync(customer);
        (await Host.SendAsync(new CloseAccount(Password, true), As(userId))).IsSuccess.ShouldBeTrue();

        var again = await CreateConfirmedUserAsync(email, customer);

        again.ShouldNotBe(userId);
        (await Host.SendAsync(new LogIn(email, Password))).Value.UserId.ShouldBe(again);
    }

    [DbFact]
    public async Task A_wrong_password_or_a_missing_confirmation_closes_nothing()
    {
        var (userId, email) = await UserAsync(await CreateCustomerAsync());
        var session = (await Host.SendAsync(new LogIn(email, Password))).Value.Session!;

        (await Host.SendAsync(new CloseAccount("not-my-password", true), As(userId))).Error.Code.ShouldBe("accounts.current_password_wrong");
        (await Host.SendAsync(new CloseAccount(Password, false), As(userId))).Error.Code.ShouldBe("accounts.close_not_confirmed");

        (await Host.SendAsync(new ValidateSession(session.Secret))).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new LogIn(email, Password))).IsSuccess.ShouldBeTrue();
        (await InDbAsync(db => db.UserCustomers.CountAsync(l => l.UserId == userId))).ShouldBe(1);
        (await OutboxCountAsync(nameof(UserAccountClosed), userId)).ShouldBe(0);
        var audit = (await Host.SendAsync(new GetAuditTrail(UserId: userId, PageSize: 100))).Value.Entries;
        audit.ShouldContain(a => a.Action == "security.account_closed" && a.Outcome == "accounts.current_password_wrong");
    }

    [DbFact]
    public async Task Closing_twice_is_harmless_also_at_the_same_time()
    {
        var (userId, _) = await UserAsync(await CreateCustomerAsync());

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Host.SendAsync(new CloseAccount(Password, true), As(userId))));
        var again = await Host.SendAsync(new CloseAccount("anything", true), As(userId));

        // Concurrent closes: one erases, the others find it closed or lose the race on the user's version.
        results.ShouldContain(r => r.IsSuccess);
        results.Where(r => r.IsFailure).ShouldAllBe(r => r.Error.Code == "accounts.concurrent_update");
        again.IsSuccess.ShouldBeTrue();
        (await OutboxCountAsync(nameof(UserAccountClosed), userId)).ShouldBe(1);
    }

    // --- Export ---

    [DbFact]
    public async Task The_archive_holds_the_users_own_data_listed_in_its_manifest_and_nothing_of_another_user()
    {
        var mine = await CreateCustomerAsync();
        var (userId, email) = await UserAsync(mine);
        var second = await CreateCustomerAsync(phone: "0722999888");
        (await Host.SendAsync(new LinkClientCode(second.ClientCode, second.ContractNumber, null, null), As(userId))).IsSuccess.ShouldBeTrue();
        var theirs = await CreateCustomerAsync();
        var (otherId, otherEmail) = await UserAsync(theirs);
        await Host.SendAsync(new LogIn(email, Password));

        var exportId = (await Host.SendAsync(new RequestPersonalDataExport(), As(userId))).Value;
        (await Host.SendAsync(new DownloadPersonalDataExport(exportId), As(userId))).Error.Code.ShouldBe("core.not_found");
        (await Host.BuildPersonalDataExportsAsync()).ShouldBe(1);

        var archive = (await Host.SendAsync(new DownloadPersonalDataExport(exportId), As(userId))).Value;
        // Named after the day in the utility's zone (the fake clock does not move while the archive is built).
        var today = Autofac.ResolutionExtensions.Resolve<Modular.Core.Time.UtilityClock>(Host.Container).Today;
        archive.FileName.ShouldBe($"my-data-{today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}.zip");
        var files = Unzip(archive.Content);
        files.Keys.Order(StringComparer.Ordinal).ShouldBe(["README.txt", "accounts/customers.json", "accounts/profile.json", "accounts/sessions.csv", "audit/my-actions.csv",
            "manifest.json"]);
        using var manifest = JsonDocument.Parse(files["manifest.json"]);
        manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).Order(StringComparer.Ordinal)
            .ShouldBe(files.Keys.Where(k => k.Contains('/')).Order(StringComparer.Ordinal));
        manifest.RootElement.GetProperty("customerIds").EnumerateArray().Select(c => c.GetGuid()).ShouldBe([mine.Id, second.Id], ignoreOrder: true);
        foreach (var file in files.Where(f => f.Key.Contains('/')))
        {
            files["README.txt"].ShouldContain(file.Key);
        }

        files["accounts/profile.json"].ShouldContain(email);
        files["accounts/customers.json"].ShouldContain(mine.ClientCode);
        files["accounts/customers.json"].ShouldContain(second.ContractNumber);
        files["accounts/sessions.csv"].Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(3, "a header and two sign-ins");
        files["audit/my-actions.csv"].ShouldContain("security.login_succeeded");
        var everything = string.Join("\n", files.Values);
        everything.ShouldNotContain(otherEmail);
        everything.ShouldNotContain(theirs.ClientCode);
        everything.ShouldNotContain(otherId.ToString());
        everything.ShouldNotContain("pbkdf2");

        // Only the user who asked may have it.
        (await Host.SendAsync(new DownloadPersonalDataExport(exportId), As(otherId))).Error.Code.ShouldBe("core.not_found");
        (await Host.SendAsync(new GetMyPersonalDataExports(), As(otherId))).Value.ShouldBeEmpty();
        (await Host.SendAsync(new DownloadPersonalDataExport(exportId), Caller.Anonymous)).Error.Code.ShouldBe("core.forbidden");
    }

    [DbFact]
    public async Task Asking_again_while_an_archive_is_pending_answers_the_same_request()
    {
        var (userId, _) = await UserAsync(await CreateCustomerAsync());

        var ids = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Host.SendAsync(new RequestPersonalDataExport(), As(userId))));

        ids.Select(r => r.Value).Distinct().ShouldHaveSingleItem();
        (await Host.BuildPersonalDataExportsAsync()).ShouldBe(1);
        (await Host.SendAsync(new GetMyPersonalDataExports(), As(userId))).Value.ShouldHaveSingleItem().Status.ShouldBe(PersonalDataExportStatus.Ready);
    }

    [DbFact]
    public async Task An_archive_is_offered_for_the_configured_days_then_the_schedule_deletes_it()
    {
        var (userId, _) = await UserAsync(await CreateCustomerAsync());
        var exportId = (await Host.SendAsync(new RequestPersonalDataExport(), As(userId))).Value;
        await Host.BuildPersonalDataExportsAsync();

        Host.Clock.Advance(Duration.FromDays(7) - Duration.FromMinutes(1));
        (await Host.SendAsync(new DownloadPersonalDataExport(exportId), As(userId))).IsSuccess.ShouldBeTrue();
        Host.Clock.Advance(Duration.FromHours(2));
        (await Host.SendAsync(new DownloadPersonalDataExport(exportId), As(userId))).Error.Code.ShouldBe("core.not_found");

        var runs = await Host.RunDueJobsAsync();
        // Other tests of the class share the database: their archives expire too.
        var expiry = runs.Where(r => r.Job == "PersonalDataExpiry").ShouldHaveSingleItem();
        expiry.Outcome.ShouldBe(Core.Schedules.ScheduledJobOutcome.Succeeded, expiry.Message);
        (expiry.Message ?? string.Empty).ShouldMatch("^[1-9][0-9]* expired personal data archives deleted$");
        (await Host.SendAsync(new GetMyPersonalDataExports(), As(userId))).Value.ShouldBeEmpty();
    }

    [DbFact]
    public async Task A_build_that_fails_or_dies_half_way_leaves_the_request_pending_and_the_next_build_stores_one_archive()
    {
        var section = new ScriptedSection();
        await using var host = await TestHost.StartAsync(Database, m => m.AddAccounts(), clock: Host.Clock,
            services: s => s.AddSingleton(section).AddScoped<IPersonalDataSection>(sp => sp.GetRequiredService<ScriptedSection>()));
        var (userId, _) = await UserAsync(await CreateCustomerAsync());
        var exportId = (await host.SendAsync(new RequestPersonalDataExport(), As(userId))).Value;

        // A section fails after writing part of the archive: nothing is stored, the request stays pending.
        section.Fail = true;
        (await host.BuildPersonalDataExportsAsync()).ShouldBe(0);
        (await host.SendAsync(new GetMyPersonalDataExports(), As(userId))).Value.ShouldHaveSingleItem().Status.ShouldBe(PersonalDataExportStatus.Pending);

        // It is tried again after a pause that doubles with each failure (first the poll interval), not on every pass.
        section.Fail = false;
        (await host.BuildPersonalDataExportsAsync()).ShouldBe(0);
        (await host.SendAsync(new GetMyPersonalDataExports(), As(userId))).Value.ShouldHaveSingleItem().Status.ShouldBe(PersonalDataExportStatus.Pending);
        Host.Clock.Advance(Duration.FromSeconds(16));

        // A builder stopped half-way (its process killed: here its build cancelled) holds the request until its lease ends,
        // then another takes it over.
        using var killed = new CancellationTokenSource();
        section.During = () => killed.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => host.Container.BuildPersonalDataExportsAsync(killed.Token));
        section.During = null;
        (await host.BuildPersonalDataExportsAsync()).ShouldBe(0);
        Host.Clock.Advance(Duration.FromMinutes(11));
        (await host.BuildPersonalDataExportsAsync()).ShouldBe(1);
        (await host.BuildPersonalDataExportsAsync()).ShouldBe(0);

        var archive = Unzip((await host.SendAsync(new DownloadPersonalDataExport(exportId), As(userId))).Value.Content);
        archive["scripted/part.json"].ShouldContain(userId.ToString());
        (await host.SendAsync(new GetMyPersonalDataExports(), As(userId))).Value.ShouldHaveSingleItem().Status.ShouldBe(PersonalDataExportStatus.Ready);
    }

    [DbFact]
    public async Task Closing_the_account_during_a_build_deletes_the_request_and_the_build_is_discarded()
    {
        var section = new ScriptedSection();
        await using var host = await TestHost.StartAsync(Database, m => m.AddAccounts(), clock: Host.Clock,
            services: s => s.AddSingleton(section).AddScoped<IPersonalDataSection>(sp => sp.GetRequiredService<ScriptedSection>()));
        var (userId, _) = await UserAsync(await CreateCustomerAsync());
        var exportId = (await host.SendAsync(new RequestPersonalDataExport(), As(userId))).Value;
        section.During = async () => (await host.SendAsync(new CloseAccount(Password, true), As(userId))).IsSuccess.ShouldBeTrue();

        (await host.BuildPersonalDataExportsAsync()).ShouldBe(0);

        (await host.SendAsync(new GetMyPersonalDataExports(), As(userId))).Value.ShouldBeEmpty();
        (await host.SendAsync(new DownloadPersonalDataExport(exportId), As(userId))).Error.Code.ShouldBe("core.not_found");
    }

    private async Task<(Guid UserId, string Email)> UserAsync(TestCustomer customer)
    {
        var email = NewEmail();
        return (await CreateConfirmedUserAsync(email, customer), email);
    }

    internal static Dictionary<string, string> Unzip(byte[] content)
    {
        using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var reader = new StreamReader(e.Open(), Encoding.UTF8);
            return reader.ReadToEnd();
        });
    }

    /// <summary>A section whose behaviour a test sets: fail after writing, or do something while the archive is being built.</summary>
    private sealed class ScriptedSection : IPersonalDataSection
    {
        public bool Fail { get; set; }

        public Func<Task>? During { get; set; }

        public string Name => "scripted";

        public async Task WriteAsync(PersonalDataSubject subject, PersonalDataWriter writer, CancellationToken cancellationToken)
        {
            await writer.WriteJsonAsync("part", "A part written before anything fails", new { subject.UserId }, cancellationToken);
            if (During is { } during)
            {
                await during();
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (Fail)
            {
                throw new InvalidOperationException("The section failed half-way.");
            }
        }
    }
}

public sealed class SqlitePersonalDataTests(SqliteDatabase database) : PersonalDataTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresPersonalDataTests(PostgresDatabase database) : PersonalDataTests(database), IClassFixture<PostgresDatabase>;
