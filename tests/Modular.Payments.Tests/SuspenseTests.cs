using Modular.Core.Access;
using Modular.Core.Audit;
using Modular.Core.Money;
using Modular.Core.Results;
using Modular.Payments.Contracts;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Payments.Tests;

/// <summary>Working the suspense list: finding an entry, returning it to the payer, splitting it, and one decision per entry.</summary>
public abstract class SuspenseTests(TestDatabase database) : IAsyncLifetime
{
    private PaymentsHost _host = null!;

    private readonly Caller _supervisor = Caller.Staff(Guid.NewGuid(), [StaffRoles.Supervisor]);

    public async Task InitializeAsync() => _host = await PaymentsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task The_list_finds_an_entry_by_part_of_its_reference_the_payer_or_its_exact_amount()
    {
        var entry = await UnmatchedAsync("71.37");
        (await _host.SendAsync(new ListSuspense(Search: entry.Reference![2..8].ToLowerInvariant()))).Value.ShouldContain(s => s.SuspenseId == entry.SuspenseId);
        (await _host.SendAsync(new ListSuspense(Search: "71,37"))).Value.ShouldContain(s => s.SuspenseId == entry.SuspenseId);
        (await _host.SendAsync(new ListSuspense(Search: "popescu"))).Value.ShouldContain(s => s.SuspenseId == entry.SuspenseId);
        (await _host.SendAsync(new ListSuspense(Search: "71.38"))).Value.ShouldNotContain(s => s.SuspenseId == entry.SuspenseId);
        entry.ReceivedAt.ShouldBe(_host.Clock.GetCurrentInstant());
    }

    [DbFact]
    public async Task Returning_needs_a_reason_and_closes_the_entry_once_without_a_payment()
    {
        var entry = await UnmatchedAsync("30.00");
        (await _host.SendAsync(new ReturnSuspense(entry.SuspenseId, "  "), _supervisor)).Error.Code.ShouldBe("payments.reason_required");
        (await _host.SendAsync(new ReturnSuspense(entry.SuspenseId, new string('x', 501)), _supervisor)).Error.Code.ShouldBe("payments.reason_required");
        (await _host.SendAsync(new GetSuspenseEntry(entry.SuspenseId))).Value.Entry.Status.ShouldBe(SuspenseStatus.Open);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _host.SendAsync(new ReturnSuspense(entry.SuspenseId, "Paid to the wrong utility"), _supervisor)));
        results.Count(r => r.IsSuccess).ShouldBe(1);
        results.Where(r => r.IsFailure).ShouldAllBe(r => r.Error.Code == "payments.suspense_not_open");

        var returned = (await _host.SendAsync(new GetSuspenseEntry(entry.SuspenseId))).Value.Entry;
        returned.Status.ShouldBe(SuspenseStatus.Returned);
        returned.Note.ShouldBe("Paid to the wrong utility");
        returned.PaymentId.ShouldBeNull();
        returned.ClosedAt.ShouldBe(_host.Clock.GetCurrentInstant());
        var customer = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        (await _host.SendAsync(new AssignSuspense(entry.SuspenseId, customer.ClientCode, []), _supervisor)).Error.Code.ShouldBe("payments.suspense_not_open");
        (await _host.SendAsync(new ListSuspense())).Value.ShouldNotContain(s => s.SuspenseId == entry.SuspenseId);
    }

    [DbFact]
    public async Task A_split_must_add_up_to_the_amount_in_the_currency_s_minor_units()
    {
        var entry = await UnmatchedAsync("100.00");
        (await _host.SendAsync(new SplitSuspense(entry.SuspenseId, [100m]), _supervisor)).Error.Code.ShouldBe("payments.split_parts_invalid");
        (await _host.SendAsync(new SplitSuspense(entry.SuspenseId, [60m, 39.99m]), _supervisor)).Error.Code.ShouldBe("payments.split_sum_differs");
        (await _host.SendAsync(new SplitSuspense(entry.SuspenseId, [60.005m, 39.995m]), _supervisor)).Error.Code.ShouldBe("payments.amount_too_precise");
        (await _host.SendAsync(new SplitSuspense(entry.SuspenseId, [110m, -10m]), _supervisor)).Error.Code.ShouldBe("payments.amount_not_positive");
        (await _host.SendAsync(new SplitSuspense(entry.SuspenseId, Enumerable.Repeat(1m, 100).ToList()), _supervisor)).Error.Code.ShouldBe("payments.split_parts_invalid");
        var unchanged = (await _host.SendAsync(new GetSuspenseEntry(entry.SuspenseId))).Value;
        unchanged.Entry.Status.ShouldBe(SuspenseStatus.Open);
        unchanged.Parts.ShouldBeEmpty();
    }

    [DbFact]
    public async Task Each_part_of_a_split_is_assigned_or_returned_on_its_own()
    {
        var entry = await UnmatchedAsync("100.00");
        var parts = (await _host.SendAsync(new SplitSuspense(entry.SuspenseId, [60m, 40m]), _supervisor)).Value;
        parts.Count.ShouldBe(2);

        var details = (await _host.SendAsync(new GetSuspenseEntry(entry.SuspenseId))).Value;
        details.Entry.Status.ShouldBe(SuspenseStatus.Split);
        details.Parts.Select(p => p.Amount).ShouldBe([Money.Of(60m, "RON"), Money.Of(40m, "RON")]);
        details.Parts.ShouldAllBe(p => p.Status == SuspenseStatus.Open && p.ParentId == entry.SuspenseId && p.Reference == entry.Reference && p.Reason == entry.Reason);
        var open = (await _host.SendAsync(new ListSuspense())).Value;
        open.ShouldNotContain(s => s.SuspenseId == entry.SuspenseId);
        open.Where(s => s.ParentId == entry.SuspenseId).Select(s => s.SuspenseId).ShouldBe(parts, ignoreOrder: true);

        var customer = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        var paymentId = (await _host.SendAsync(new AssignSuspense(parts[0], customer.ClientCode, []), _supervisor)).Value;
        (await _host.SendAsync(new GetPayment(paymentId))).Value.Payment.Amount.ShouldBe(Money.Of(60m, "RON"));
        (await _host.SendAsync(new ReturnSuspense(parts[1], "The neighbour asked for it back"), _supervisor)).IsSuccess.ShouldBeTrue();
        (await _host.SendAsync(new SplitSuspense(entry.SuspenseId, [50m, 50m]), _supervisor)).Error.Code.ShouldBe("payments.suspense_not_open");
    }

    [DbFact]
    public async Task Decisions_taken_at_the_same_moment_on_one_entry_leave_exactly_one()
    {
        var entry = await UnmatchedAsync("90.00");
        var customer = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        var outcomes = await Task.WhenAll(
            _host.SendAsync(new AssignSuspense(entry.SuspenseId, customer.ClientCode, []), _supervisor).ContinueWith(t => (Result)t.Result),
            _host.SendAsync(new SplitSuspense(entry.SuspenseId, [45m, 45m]), _supervisor).ContinueWith(t => (Result)t.Result),
            _host.SendAsync(new ReturnSuspense(entry.SuspenseId, "Unknown payer"), _supervisor));
        outcomes.Count(r => r.IsSuccess).ShouldBe(1);
        outcomes.Where(r => r.IsFailure).ShouldAllBe(r => r.Errors[0].Code == "payments.suspense_not_open");

        var details = (await _host.SendAsync(new GetSuspenseEntry(entry.SuspenseId))).Value;
        var payments = (await _host.SendAsync(new GetMyPayments(500))).Value.Count(p => p.CustomerId == customer.CustomerId);
        (details.Entry.Status, payments, details.Parts.Count).ShouldBeOneOf(
            (SuspenseStatus.Assigned, 1, 0), (SuspenseStatus.Split, 0, 2), (SuspenseStatus.Returned, 0, 0));
    }

    [DbFact]
    public async Task Every_decision_is_in_the_audit_trail_with_the_staff_member()
    {
        var first = await UnmatchedAsync("10.00");
        var second = await UnmatchedAsync("20.00");
        await _host.SendAsync(new SplitSuspense(first.SuspenseId, [4m, 6m]), _supervisor);
        await _host.SendAsync(new ReturnSuspense(second.SuspenseId, "Not ours"), _supervisor);
        var trail = (await _host.SendAsync(new GetAuditTrail(StaffId: _supervisor.StaffId))).Value.Entries;
        trail.ShouldContain(e => e.Action == "Payments.SplitSuspense" && e.Ids!.Contains(first.SuspenseId.ToString()));
        trail.ShouldContain(e => e.Action == "Payments.ReturnSuspense" && e.Ids!.Contains(second.SuspenseId.ToString()));
    }

    [DbFact]
    public async Task Only_staff_with_the_suspense_permission_decide()
    {
        var entry = await UnmatchedAsync("15.00");
        var cashier = Caller.Staff(Guid.NewGuid(), [StaffRoles.Cashier]);
        var agent = Caller.Staff(Guid.NewGuid(), [StaffRoles.CustomerService]);
        (await _host.SendAsync(new ReturnSuspense(entry.SuspenseId, "x"), cashier)).Error.Code.ShouldBe("core.forbidden");
        (await _host.SendAsync(new SplitSuspense(entry.SuspenseId, [5m, 10m]), agent)).Error.Code.ShouldBe("core.forbidden");
        (await _host.SendAsync(new GetSuspenseEntry(entry.SuspenseId), _host.World.UserOf())).Error.Code.ShouldBe("core.forbidden");
        (await _host.SendAsync(new GetSuspenseEntry(entry.SuspenseId))).Value.Entry.Status.ShouldBe(SuspenseStatus.Open);
    }

    [DbFact]
    public async Task A_bank_reversal_does_not_take_back_money_already_returned()
    {
        var reference = "RV" + Random.Shared.Next(1_000_000, 9_999_999);
        using (var file = Camt.Statement(Camt.Entry("25.00", reference)))
        {
            await _host.SendAsync(new ImportBankStatement(file, "in.xml"));
        }

        var entry = (await _host.SendAsync(new ListSuspense(Search: reference))).Value.Single();
        await _host.SendAsync(new ReturnSuspense(entry.SuspenseId, "Sent back"), _supervisor);
        using var reversal = Camt.Statement(Camt.Entry("25.00", reference, reversal: true, bankRef: "R-" + reference));
        var report = (await _host.SendAsync(new ImportBankStatement(reversal, "rv.xml"))).Value;
        report.Reversed.ShouldBe(0);
        (await _host.SendAsync(new GetSuspenseEntry(entry.SuspenseId))).Value.Entry.Status.ShouldBe(SuspenseStatus.Returned);
    }

    private async Task<SuspenseEntry> UnmatchedAsync(string amount)
    {
        var reference = "ZZ" + Random.Shared.Next(1_000_000, 9_999_999);
        using var file = Camt.Statement(Camt.Entry(amount, reference));
        (await _host.SendAsync(new ImportBankStatement(file, reference + ".xml"))).Value.Unmatched.ShouldBe(1);
        return (await _host.SendAsync(new ListSuspense(Search: reference))).Value.Single();
    }
}

public sealed class SqliteSuspenseTests(SqliteDatabase database) : SuspenseTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresSuspenseTests(PostgresDatabase database) : SuspenseTests(database), IClassFixture<PostgresDatabase>;
