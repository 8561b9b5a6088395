using Modular.Accounts;
using Modular.Accounts.Contracts;
using Modular.Billing;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Core.Audit;
using Modular.Core.Testing;
using Modular.Payments;
using Modular.Payments.Contracts;
using Modular.Readings;
using Modular.Readings.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Integration.Tests;

/// <summary>What a kiosk session and staff acting on a customer's behalf may reach, and how the audit trail records them.</summary>
public abstract class CallerScopeTests(TestDatabase database) : IAsyncLifetime
{
    private static readonly DateTimeZone Bucharest = DateTimeZoneProviders.Tzdb["Europe/Bucharest"];
    private TestHost _host = null!;
    private ContractSummary _a = null!;
    private ContractSummary _b = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(database, m => m.AddAccounts().AddReadings().AddBilling().AddPayments(),
            clock: FakeClock.At(new LocalDateTime(2026, 11, 28, 10, 0), Bucharest));
        (await _host.SendAsync(new SeedDemoCustomers(Seed: 5, Count: 2))).IsSuccess.ShouldBeTrue();
        var contracts = (await _host.SendAsync(new ListContracts(null, 100))).Value;
        _a = contracts[0];
        _b = contracts.First(c => c.CustomerId != _a.CustomerId);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task Staff_acting_for_a_customer_reach_only_that_customer_and_are_recorded_with_both_ids()
    {
        var mine = await MeterAsync(_a);
        var theirs = await MeterAsync(_b);
        var agent = Caller.Staff(Guid.NewGuid(), [StaffRoles.CustomerService]).OnBehalfOf(_a.CustomerId);

        var stored = await _host.SendAsync(new SubmitReading(mine, 130m, ConfirmWarnings: true), agent);
        stored.Value.Stored.ShouldBeTrue();
        (await _host.SendAsync(new SubmitReading(theirs, 130m, ConfirmWarnings: true), agent)).Error.Code.ShouldBe("readings.meter_not_found");
        (await _host.SendAsync(new GetReadingHistory(mine, null))).Value.First().Source.ShouldBe(ReadingSource.Staff);
        (await _host.SendAsync(new GetMyContracts(), agent)).Value.ShouldAllBe(c => c.CustomerId == _a.CustomerId);

        var audit = (await _host.SendAsync(new GetAuditTrail(CustomerId: _a.CustomerId))).Value.Entries
            .Where(e => e.Action == "Readings.SubmitReading").ToList();
        audit.Count.ShouldBe(2);
        audit.ShouldAllBe(e => e.StaffId == agent.StaffId && e.CustomerId == _a.CustomerId && e.CallerKind == CallerKind.Staff);
        audit.Select(e => e.Outcome).Order().ToList().ShouldBe(["ok", "readings.meter_not_found"]);
        audit.ShouldContain(e => e.Ids == "MeterId=" + mine);
    }

    [DbFact]
    public async Task A_kiosk_session_sees_and_pays_only_for_its_customer()
    {
        var kiosk = Caller.KioskSession(_a.CustomerId);
        (await _host.SendAsync(new GetMyContracts(), kiosk)).Value.ShouldAllBe(c => c.CustomerId == _a.CustomerId);
        (await _host.SendAsync(new GetContract(_b.ContractId), kiosk)).IsFailure.ShouldBeTrue();
        (await _host.SendAsync(new GetBalance(_b.CustomerId), kiosk)).IsFailure.ShouldBeTrue();
        (await _host.SendAsync(new RecordCounterPayment(_b.ClientCode, [], 20m, "RON", CounterMethod.Cash, "Centrul 1", "K-1", "k-b"), kiosk))
            .Error.Code.ShouldBe("payments.customer_not_found");
        var receipt = (await _host.SendAsync(new RecordCounterPayment(_a.ClientCode, [], 20m, "RON", CounterMethod.Cash, "Centrul 1", "K-1", "k-a"), kiosk)).Value;
        var payment = (await _host.SendAsync(new GetPayment(receipt.PaymentId), kiosk)).Value;
        (payment.Payment.Channel, payment.Operator).ShouldBe((PaymentChannel.Kiosk, "kiosk"));
        (await _host.SendAsync(new GetProfile(), kiosk)).Error.Code.ShouldBe("core.forbidden");
        (await _host.SendAsync(new ChangePassword("a", "b", "b"), kiosk)).Error.Code.ShouldBe("core.forbidden");

        var audit = (await _host.SendAsync(new GetAuditTrail(CustomerId: _a.CustomerId))).Value.Entries;
        audit.Where(e => e.Action == "Payments.RecordCounterPayment").Select(e => e.Outcome).Order().ToList().ShouldBe(["ok", "payments.customer_not_found"]);
        audit.ShouldContain(e => e.Action == "Accounts.ChangePassword" && e.Outcome == "core.forbidden" && e.CallerKind == CallerKind.KioskSession);
    }

    [DbFact]
    public async Task A_cashier_takes_money_at_the_counter_but_may_not_refund_it()
    {
        var cashier = Caller.Staff(Guid.NewGuid(), [StaffRoles.Cashier], Channel.Counter);
        var receipt = (await _host.SendAsync(new RecordCounterPayment(_a.ClientCode, [], 50m, "RON", CounterMethod.Card, "Centrul 1", "POS-1", "t-1",
            CardReference: "AUTH 004512"), cashier)).Value;
        (await _host.SendAsync(new GetPayment(receipt.PaymentId))).Value.Payment.Channel.ShouldBe(PaymentChannel.CardAtCentre);
        (await _host.SendAsync(new RefundPayment(receipt.PaymentId, 10m, "greșeală", "r-1"), cashier)).Error.Code.ShouldBe("core.forbidden");
        var supervisor = Caller.Staff(Guid.NewGuid(), [StaffRoles.Supervisor]);
        (await _host.SendAsync(new RefundPayment(receipt.PaymentId, 10m, "greșeală", "r-1"), supervisor)).IsSuccess.ShouldBeTrue();
    }

    private async Task<Guid> MeterAsync(ContractSummary contract) =>
        (await _host.SendAsync(new RegisterMeter("M-" + Guid.NewGuid().ToString("N")[..10], contract.ContractId, 5, 3, new LocalDate(2026, 1, 10), 100m, null, true))).Value;
}

public sealed class SqliteCallerScopeTests(SqliteDatabase database) : CallerScopeTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresCallerScopeTests(PostgresDatabase database) : CallerScopeTests(database), IClassFixture<PostgresDatabase>;
