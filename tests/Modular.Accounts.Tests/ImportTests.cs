using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Modular.Accounts.Contracts;
using Modular.Accounts.Demo;
using Modular.Accounts.Import;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Accounts.Tests;

/// <summary>CSV import (idempotent upsert, bad rows reported and skipped), the directory source port and demo data.</summary>
public abstract class ImportTests(TestDatabase database) : AccountsTestBase(database)
{
    private const string Header = "client_code,legal_type,name,email,phone,contract_number,internal_code,service_address,services,start_date,end_date";

    [DbFact]
    public async Task Good_rows_are_imported_and_each_bad_row_is_reported_with_its_reason()
    {
        var a = Unique("A");
        var b = Unique("B");
        var csv = string.Join("\n",
            Header,
            $"{a},individual,Ionescu Mădălina,ioana@example.ro,0722 111 222,K-{a}-1,IC1,\"Strada Unirii nr. 3, Giurgiu\",water;sewerage,2019-03-01,",
            $"{a},individual,Ionescu Mădălina,ioana@example.ro,0722 111 222,K-{a}-2,IC2,\"Strada Unirii nr. 5, Giurgiu\",water,2021-06-01,2024-12-31",
            $"{b},owners_association,Asociația de Proprietari Bloc 7,,,K-{b}-1,,Aleea Teilor 7,water|sewerage|rain_water,2015-01-01,",
            $"{Unique("C")},martian,Nume,,,K-x1-{a},,Adresă,water,2020-01-01,",
            $"{Unique("C")},company,SC Test SRL,,,K-x2-{a},,Adresă,gas,2020-01-01,",
            $"{Unique("C")},company,SC Test SRL,,,K-x3-{a},,Adresă,water,2020-13-01,",
            $"{Unique("C")},company,SC Test SRL,,,K-x4-{a},,Adresă,water,2020-01-01,2019-01-01",
            $"{Unique("C")},company,,,,K-x5-{a},,Adresă,water,2020-01-01,",
            $"{Unique("C")},company,SC Test SRL,not-an-email,,K-x6-{a},,Adresă,water,2020-01-01,",
            $"{Unique("C")},company,SC Test SRL,,123,K-x7-{a},,Adresă,water,2020-01-01,",
            $"{b},owners_association,Asociația de Proprietari Bloc 7,,,K-{a}-1,,Aleea Teilor 7,water,2015-01-01,");

        var report = (await ImportAsync(csv)).Value;
        report.Created.ShouldBe(3);
        report.Updated.ShouldBe(0);
        report.Rejected.Select(r => (r.Row, r.Code)).ShouldBe([
            (4, "accounts.import.legal_type_invalid"),
            (5, "accounts.import.services_invalid"),
            (6, "accounts.import.date_invalid"),
            (7, "accounts.import.end_before_start"),
            (8, "accounts.import.required"),
            (9, "accounts.import.email_invalid"),
            (10, "accounts.import.phone_invalid"),
            (11, "accounts.import.contract_of_other_customer"),
        ]);
        report.Rejected[0].Reason.ShouldNotBeNullOrWhiteSpace();
        report.Rejected[0].Reason.ShouldNotBe(report.Rejected[0].Code);

        var contracts = (await Host.SendAsync(new GetMyContracts())).Value.Where(c => c.ClientCode == a || c.ClientCode == b).ToList();
        contracts.Count.ShouldBe(3);
        contracts.Single(c => c.ContractNumber == $"K-{a}-2").EndDate.ShouldBe(new LocalDate(2024, 12, 31));
        contracts.Single(c => c.ClientCode == b).Services.ShouldBe(ConnectedServices.Water | ConnectedServices.Sewerage | ConnectedServices.RainWater);
        contracts.Single(c => c.ContractNumber == $"K-{a}-1").CustomerName.ShouldBe("Ionescu Mădălina");
        (await InDbAsync(db => db.Customers.Where(c => c.ClientCode == a).Select(c => c.Phone).SingleAsync())).ShouldBe("0722111222");
        (await InDbAsync(db => db.Contracts.CountAsync(k => k.ContractNumber.StartsWith("K-x")))).ShouldBe(0);
    }

    [DbFact]
    public async Task Importing_the_same_file_again_changes_nothing_and_a_changed_row_updates()
    {
        var a = Unique("A");
        var csv = $"{Header}\n{a},company,SC Apă Limpede SRL,,,K-{a}-1,,Strada Horea 1,water,2020-01-01,\n";
        (await ImportAsync(csv)).Value.Created.ShouldBe(1);
        var again = (await ImportAsync(csv)).Value;
        (again.Created, again.Updated, again.Unchanged, again.Rejected.Count).ShouldBe((0, 0, 1, 0));

        var changed = (await ImportAsync(csv.Replace("Strada Horea 1", "Strada Horea 2"))).Value;
        (changed.Created, changed.Updated, changed.Unchanged).ShouldBe((0, 1, 0));
        (await InDbAsync(db => db.Contracts.Where(k => k.ContractNumber == $"K-{a}-1").Select(k => k.ServiceAddress).SingleAsync())).ShouldBe("Strada Horea 2");
        (await InDbAsync(db => db.Customers.CountAsync(c => c.ClientCode == a))).ShouldBe(1);
    }

    [DbFact]
    public async Task A_new_contract_and_a_change_of_its_dates_are_announced_and_other_changes_are_not()
    {
        var a = Unique("A");
        var csv = $"{Header}\n{a},company,SC Apă Limpede SRL,,,K-{a}-1,,Strada Horea 1,water,2020-01-01,\n";
        (await ImportAsync(csv)).Value.Created.ShouldBe(1);
        var id = await InDbAsync(db => db.Contracts.Where(k => k.ContractNumber == $"K-{a}-1").Select(k => k.Id).SingleAsync());
        (await ImportAsync(csv.Replace("Strada Horea 1", "Strada Horea 2"))).Value.Updated.ShouldBe(1);
        (await ImportAsync(csv.Replace("2020-01-01,", "2020-01-01,2026-07-23"))).Value.Updated.ShouldBe(1);

        var announced = (await InDbAsync(db => db.OutboxMessages.Where(m => m.Type.Contains(nameof(ContractTermsChanged))).ToListAsync()))
            .Select(m => (ContractTermsChanged)Core.Outbox.IntegrationEventSerializer.Deserialize(m.Type, m.Payload)!)
            .Where(e => e.ContractId == id).OrderBy(e => e.EndDate.HasValue).ToList();
        announced.Count.ShouldBe(2);
        (announced[0].StartDate, announced[0].EndDate).ShouldBe((new LocalDate(2020, 1, 1), (LocalDate?)null));
        announced[1].EndDate.ShouldBe(new LocalDate(2026, 7, 23));
    }

    [DbFact]
    public async Task A_semicolon_separated_file_with_other_column_order_is_read()
    {
        var a = Unique("A");
        var csv = $"contract_number;client_code;name;legal_type;service_address;services;start_date\nK-{a}-1;{a};Școala Gimnazială nr. 2;public_institution;Strada Libertății 9;water sewerage;2010-09-01\n";
        var report = (await ImportAsync(csv)).Value;
        report.Created.ShouldBe(1);
        report.Rejected.ShouldBeEmpty();
        (await Host.SendAsync(new FindCustomerByClientCode(a))).Value.LegalType.ShouldBe(LegalType.PublicInstitution);
    }

    [DbFact]
    public async Task A_file_without_the_required_columns_is_refused_as_a_whole()
    {
        var result = await ImportAsync("client_code,name\n123,Ion\n");
        result.Error.Code.ShouldBe("accounts.import.columns_missing");
        ((string)result.Error.Arguments["columns"]!).ShouldContain("contract_number");
        (await ImportAsync(string.Empty)).Error.Code.ShouldBe("accounts.import.columns_missing");
    }

    [DbFact]
    public async Task Concurrent_imports_of_the_same_file_create_each_customer_and_contract_once()
    {
        var prefix = Unique("P");
        var lines = Enumerable.Range(1, 60).Select(i => $"{prefix}-{i},individual,Lupu Ana,,,K-{prefix}-{i},,Strada Unirii {i},water,2020-01-01,");
        var csv = Header + "\n" + string.Join("\n", lines);
        var reports = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => ImportAsync(csv))));
        reports.ShouldAllBe(r => r.IsSuccess && r.Value.Rejected.Count == 0);
        reports.Sum(r => r.Value.Created).ShouldBe(60);
        (await InDbAsync(db => db.Contracts.CountAsync(k => k.ContractNumber.StartsWith("K-" + prefix + "-")))).ShouldBe(60);
        (await InDbAsync(db => db.Customers.CountAsync(c => c.ClientCode.StartsWith(prefix + "-")))).ShouldBe(60);
    }

    [DbFact]
    public async Task Without_a_csv_the_import_reads_the_integrators_directory_source()
    {
        (await Host.SendAsync(new ImportCustomers())).Error.Code.ShouldBe("accounts.import.source_missing");

        var code = Unique("S");
        var source = new ListSource([
            new CustomerDirectoryRow(code, LegalType.Company, "SC Pădurea Verde SRL", null, null, $"K-{code}", null, "Calea Bucureștilor 4",
                ConnectedServices.Water, new LocalDate(2018, 5, 1), null),
            new CustomerDirectoryRow(code, LegalType.Company, "", null, null, $"K-{code}-b", null, "Calea Bucureștilor 4",
                ConnectedServices.Water, new LocalDate(2018, 5, 1), null),
        ]);
        var withSource = await TestHost.StartAsync(Database, m => m.AddAccounts(), services: s => s.AddSingleton<ICustomerDirectorySource>(source));
        await using var _ = withSource;
        var report = (await withSource.SendAsync(new ImportCustomers())).Value;
        report.Created.ShouldBe(1);
        report.Rejected.Single().Code.ShouldBe("accounts.import.required");
        (await withSource.SendAsync(new FindCustomerByClientCode(code))).Value.Name.ShouldBe("SC Pădurea Verde SRL");
    }

    [DbFact]
    public async Task Demo_customers_load_idempotently_and_a_demo_user_can_log_in()
    {
        var first = (await Host.SendAsync(new SeedDemoCustomers(7, 30))).Value;
        first.Rejected.ShouldBeEmpty();
        (first.Created + first.Unchanged).ShouldBe(DemoCustomers.Generate(7, 30).Count);
        var second = (await Host.SendAsync(new SeedDemoCustomers(7, 30))).Value;
        (second.Created, second.Updated).ShouldBe((0, 0));

        var userId = (await Host.SendAsync(new EnsureDemoUser(DemoCustomers.DemoUserEmail, DemoCustomers.DemoUserPassword, DemoCustomers.FirstClientCode))).Value;
        (await Host.SendAsync(new EnsureDemoUser(DemoCustomers.DemoUserEmail, DemoCustomers.DemoUserPassword, DemoCustomers.FirstClientCode))).Value.ShouldBe(userId);
        var login = (await Host.SendAsync(new LogIn(DemoCustomers.DemoUserEmail, DemoCustomers.DemoUserPassword))).Value;
        login.UserId.ShouldBe(userId);
        login.MustAcceptTerms.ShouldBeFalse();
        (await Host.SendAsync(new GetMyContracts(), As(userId))).Value.Single().ContractNumber.ShouldBe(DemoCustomers.FirstContractNumber);
        (await Host.SendAsync(new EnsureDemoUser("x@example.ro", Password, "no-such-code"))).Error.Code.ShouldBe("accounts.client_code_or_proof_invalid");
    }

    private sealed class ListSource(IReadOnlyList<CustomerDirectoryRow> rows) : ICustomerDirectorySource
    {
        public async IAsyncEnumerable<CustomerDirectoryRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            foreach (var row in rows)
            {
                await Task.Yield();
                yield return row;
            }
        }
    }
}

public sealed class SqliteImportTests(SqliteDatabase database) : ImportTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresImportTests(PostgresDatabase database) : ImportTests(database), IClassFixture<PostgresDatabase>;
