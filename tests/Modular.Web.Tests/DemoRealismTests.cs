using System.Text.RegularExpressions;
using Autofac;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Payments.Contracts;
using Modular.Readings.Contracts;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests;

/// <summary>
/// The demo data looks like a real utility's to whoever tries the portal: invoices issued month by month, some overdue and
/// some paid, payments on their own days through the bank, the counter and cards, makers' meter serials, block apartments
/// whose meters the utility reads, and no reading after a contract's end.
/// </summary>
public abstract partial class DemoRealismTests(DemoPortal demo)
{
    [DbFact]
    public async Task The_demo_customers_dashboard_shows_overdue_and_paid_invoices_each_issued_on_its_own_date()
    {
        var invoices = demo.Alice.Invoices;
        invoices.Select(i => i.IssueDate).Distinct().Count().ShouldBe(invoices.Count, "each month's invoice has its own issue date");
        invoices.ShouldAllBe(i => i.IssueDate > i.Period.OnDayOfMonth(1).PlusMonths(1).PlusDays(-1) && i.DueDate > i.IssueDate);
        invoices.ShouldContain(i => i.Status == InvoiceStatus.Paid);
        invoices.ShouldContain(i => i.Status == InvoiceStatus.Overdue);

        var client = await demo.LogInAsync(demo.Alice);
        var dashboard = await client.GetStringAsync("/");
        dashboard.ShouldContain("<div class=\"alert alert-error\" role=\"alert\">", customMessage: "the overdue alert");
        var list = await client.GetStringAsync("/Invoices");
        list.ShouldContain("status-paid");
        list.ShouldContain("status-overdue");
    }

    [DbFact]
    public async Task Demo_payments_come_on_varied_days_through_the_bank_the_counter_and_cards()
    {
        var payments = new List<PaymentSummary>();
        foreach (var contract in await ContractsAsync())
        {
            var user = await demo.AsSystemAsync(async m => (await m.Send(new EnsureDemoUser($"payer-{contract.ClientCode}@example.com", DemoPortal.Password, contract.ClientCode))).Value);
            payments.AddRange(await AsCustomerAsync(user, async m => (await m.Send(new GetMyPayments(200))).Value));
        }

        payments = payments.DistinctBy(p => p.PaymentId).ToList();
        payments.Select(p => p.Channel).Distinct().ShouldBe([PaymentChannel.BankTransfer, PaymentChannel.Cash, PaymentChannel.CardAtCentre], ignoreOrder: true);
        payments.Select(p => p.ValueDate).Distinct().Count().ShouldBeGreaterThan(20, "payments are spread over the months");
        payments.ShouldAllBe(p => p.ValueDate != null && p.ValueDate <= demo.Portal.Clock.GetCurrentInstant().InUtc().Date);
    }

    [DbFact]
    public async Task Demo_meters_carry_makers_serials_and_some_block_apartments_are_read_by_the_utility()
    {
        var contracts = (await ContractsAsync()).ToDictionary(c => c.ContractId);
        var meters = await demo.AsSystemAsync(async m =>
        {
            var all = new List<MeterView>();
            foreach (var id in contracts.Keys)
            {
                all.AddRange((await m.Send(new GetMetersForContract(id))).Value);
            }

            return all;
        });

        meters.Count.ShouldBe(contracts.Count);
        meters.ShouldAllBe(m => Serial().IsMatch(m.Serial), string.Join(", ", meters.Select(m => m.Serial).Where(s => !Serial().IsMatch(s))));
        meters.Select(m => m.Serial).Distinct().Count().ShouldBe(meters.Count);
        var utilityRead = meters.Where(m => !m.SelfReadAllowed).ToList();
        utilityRead.ShouldNotBeEmpty();
        utilityRead.ShouldAllBe(m => contracts[m.ContractId].ServiceAddress.Contains(", bl. "));
        meters.ShouldContain(m => m.SelfReadAllowed && contracts[m.ContractId].ServiceAddress.Contains(", bl. "), "some blocks' customers read their own meters");
        demo.Alice.Meters.ShouldAllBe(m => m.SelfReadAllowed, "the demo login can submit a reading");

        var client = await demo.LogInAsync(demo.Alice);
        var readings = await client.GetStringAsync("/Readings");
        readings.ShouldContain(demo.Alice.Meters[0].Serial);
        readings.ShouldContain("data-testid=\"meter-address\"");

        // The dashboard's card shows the window of her first self-read meter (GetMyReadingWindow), as the meter list does.
        var window = demo.Alice.Meters.Where(m => m.RemovedOn is null).OrderBy(m => m.Serial, StringComparer.Ordinal).First().Window;
        var dashboard = await client.GetStringAsync("/");
        dashboard.ShouldContain("id=\"window-heading\"");
        dashboard.ShouldContain((window.IsOpen ? window.ClosesOn : window.NextOpensOn).ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture));
    }

    [DbFact]
    public async Task No_demo_reading_is_dated_after_its_contracts_end()
    {
        var ended = (await ContractsAsync()).Where(c => c.EndDate is not null).ToList();
        ended.ShouldNotBeEmpty("the demo has ended contracts");
        foreach (var contract in ended)
        {
            var history = await demo.AsSystemAsync(async m => (await m.Send(new GetReadingHistory(null, contract.ContractId))).Value);
            history.ShouldAllBe(r => r.ReadingDate <= contract.EndDate!.Value, contract.ContractNumber);
            history.ShouldAllBe(r => r.ReadingDate >= contract.StartDate, contract.ContractNumber);
        }
    }

    private Task<IReadOnlyList<ContractSummary>> ContractsAsync() => demo.AsSystemAsync(async m => (await m.Send(new ListContracts(null, 1000))).Value);

    private async Task<T> AsCustomerAsync<T>(Guid userId, Func<IMediator, Task<T>> action)
    {
        await using var scope = demo.Portal.Services.GetRequiredService<ILifetimeScope>().BeginCallerScope(Caller.Customer(userId));
        return await action(scope.Resolve<IMediator>());
    }

    [GeneratedRegex(@"^[A-Z]{2,3}-20\d\d-\d{6}$")]
    private static partial Regex Serial();
}

public sealed class SqliteDemoRealismTests(SqliteDemoPortal demo) : DemoRealismTests(demo), IClassFixture<SqliteDemoPortal>;

[Postgres]
public sealed class PostgresDemoRealismTests(PostgresDemoPortal demo) : DemoRealismTests(demo), IClassFixture<PostgresDemoPortal>;
