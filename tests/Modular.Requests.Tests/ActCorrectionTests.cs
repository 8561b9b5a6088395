using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Requests.Contracts;
using Modular.Requests.Persistence;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Requests.Tests;

/// <summary>Correcting a stored act: the act rules, a reason, the version the clerk saw, and what the field system sends after.</summary>
public abstract class ActCorrectionTests(TestDatabase database) : IAsyncLifetime
{
    private const string Header = "number,contract,type,date,inspector,findings,serial1,index1,date1,serial2,index2,date2";

    private ActsHost _host = null!;

    public async Task InitializeAsync() => _host = await ActsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<ActView> StoredAsync(int n)
    {
        var contract = _host.World.AddContract();
        var registered = await _host.SendAsync(_host.Act(contract, n, findings: "Seal intact"), ActsHost.Supervisor);
        registered.IsSuccess.ShouldBeTrue(registered.ToString());
        return (await _host.SendAsync(new GetAct(registered.Value.ActId), ActsHost.Supervisor)).Value;
    }

    [DbFact]
    public async Task A_supervisor_corrects_the_findings_with_a_reason_and_the_customer_sees_the_correction()
    {
        var act = await StoredAsync(1);
        var supervisor = ActsHost.Supervisor;

        var corrected = await _host.SendAsync(new CorrectAct(act.ActId, ActType.DamageFinding, new LocalDate(2026, 11, 19), " M. Ionescu (F-087) ",
            "Seal broken, meter to be replaced.", "Typed from the wrong sheet", act.Version), supervisor);

        corrected.IsSuccess.ShouldBeTrue(corrected.ToString());
        var seen = (await _host.SendAsync(new GetAct(act.ActId), _host.World.UserOf(act.CustomerId))).Value;
        (seen.Type, seen.RegisteredOn, seen.Inspector, seen.Findings).ShouldBe((ActType.DamageFinding, new LocalDate(2026, 11, 19), "M. Ionescu (F-087)",
            "Seal broken, meter to be replaced."));
        seen.Version.ShouldBe(act.Version + 1);
        seen.CorrectionReason.ShouldBe("Typed from the wrong sheet");
        seen.CorrectedAt.ShouldNotBeNull();
        var events = await _host.Host.WithContextAsync<RequestsDbContext, List<string>>(async db =>
            (await db.OutboxMessages.AsNoTracking().ToListAsync()).Where(m => m.Type.Contains(nameof(ActCorrected), StringComparison.Ordinal)
                && m.Payload.Contains(act.ActId.ToString(), StringComparison.OrdinalIgnoreCase)).Select(m => m.Payload).ToList());
        events.ShouldHaveSingleItem().ShouldContain("Typed from the wrong sheet");
    }

    [DbFact]
    public async Task The_second_of_two_corrections_on_the_same_version_is_refused_and_the_first_stays()
    {
        var act = await StoredAsync(2);
        var first = new CorrectAct(act.ActId, act.Type, act.RegisteredOn, act.Inspector, "First correction.", "Reason one", act.Version);
        var second = first with { Findings = "Second correction.", Reason = "Reason two" };

        (await _host.SendAsync(first, ActsHost.Supervisor)).IsSuccess.ShouldBeTrue();
        (await _host.SendAsync(second, ActsHost.Supervisor)).Error.Code.ShouldBe("acts.changed_meanwhile");

        (await _host.ActsAsync()).ShouldHaveSingleItem().Findings.ShouldBe("First correction.");
    }

    [DbFact]
    public async Task Bad_input_and_a_missing_reason_are_refused_on_their_fields_and_nothing_changes()
    {
        var act = await StoredAsync(3);

        var refused = await _host.SendAsync(new CorrectAct(act.ActId, (ActType)42, ActsHost.Today.PlusDays(1), " ", "", "  ", act.Version), ActsHost.Supervisor);

        refused.Errors.Select(e => (e.Field, e.Code)).ShouldBe(
        [
            ("Type", "acts.type_invalid"),
            ("RegisteredOn", "acts.date_in_future"),
            ("Inspector", "acts.inspector_required"),
            ("Findings", "acts.findings_required"),
            ("Reason", "requests.reason_required"),
        ], ignoreOrder: true);
        var stored = (await _host.ActsAsync()).ShouldHaveSingleItem();
        (stored.Findings, stored.Version).ShouldBe(("Seal intact", act.Version));
    }

    [DbFact]
    public async Task Only_staff_who_manage_acts_correct_them()
    {
        var act = await StoredAsync(4);
        var correction = new CorrectAct(act.ActId, act.Type, act.RegisteredOn, act.Inspector, "Changed.", "Reason", act.Version);

        (await _host.SendAsync(correction, ActsHost.Staff(StaffRoles.Cashier))).Error.Code.ShouldBe(CoreErrors.Forbidden);
        (await _host.SendAsync(correction, _host.World.UserOf(act.CustomerId))).Error.Code.ShouldBe(CoreErrors.Forbidden);
        (await _host.SendAsync(correction with { ActId = Guid.NewGuid() }, ActsHost.Supervisor)).Error.Code.ShouldBe("acts.act_not_found");
        (await _host.ActsAsync()).ShouldHaveSingleItem().Findings.ShouldBe("Seal intact");
    }

    [DbFact]
    public async Task The_field_system_sending_the_corrected_act_finds_it_unchanged_and_the_old_content_does_not_overwrite_it()
    {
        var contract = _host.World.AddContract();
        var row = (string findings) => $"{_host.Number(5)},{contract.ContractNumber},verification,2026-11-20,F-112,{findings},,,,,,";
        await _host.ImportAsync(string.Join("\n", Header, row("Seal intact")));
        var act = (await _host.SendAsync(new ListActs(Number: _host.Number(5)), ActsHost.Supervisor)).Value.ShouldHaveSingleItem();

        (await _host.SendAsync(new CorrectAct(act.ActId, act.Type, act.RegisteredOn, act.Inspector, "Seal intact and checked twice", "Field sheet amended",
            act.Version), ActsHost.Supervisor)).IsSuccess.ShouldBeTrue();

        (await _host.ImportAsync(string.Join("\n", Header, row("Seal intact and checked twice")))).Unchanged.ShouldBe(1);
        (await _host.ImportAsync(string.Join("\n", Header, row("Seal intact")))).Rejected.ShouldHaveSingleItem().Code.ShouldBe("acts.changed");
        (await _host.ActsAsync()).ShouldHaveSingleItem().Findings.ShouldBe("Seal intact and checked twice");
    }
}

public sealed class SqliteActCorrectionTests(SqliteDatabase database) : ActCorrectionTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresActCorrectionTests(PostgresDatabase database) : ActCorrectionTests(database), IClassFixture<PostgresDatabase>;
