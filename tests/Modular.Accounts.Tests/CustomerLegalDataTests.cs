using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Accounts.Domain;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Accounts.Tests;

/// <summary>What e-invoices need of a customer: fiscal, registration and personal codes and the postal address in parts.</summary>
public abstract class CustomerLegalDataTests(TestDatabase database) : AccountsTestBase(database)
{
    private const string Header = "client_code,legal_type,name,contract_number,service_address,services,start_date,"
        + "tax_id,registration_number,personal_code,street,city,county,postal_code,country";

    [DbFact]
    public async Task Identifiers_and_address_parts_are_imported_in_their_normal_form_and_answered_as_invoice_parties()
    {
        var (a, b, c, d) = (Unique("A"), Unique("B"), Unique("C"), Unique("D"));
        var csv = string.Join("\n",
            Header,
            $"{a},company,SC Apă Limpede SRL,K-{a},Strada Horea 1,water,2020-01-01,ro 18547290,J20/123/2010,,Strada Horea 1,Petroșani,hd,332009,ro",
            $"{b},public_institution,Ministerul Finanțelor,K-{b},Bd. Libertății 16,water,2020-01-01,8609468,,,Bd. Libertății 16,Sector 5,RO-B,050706,",
            $"{c},individual,Ionescu Mădălina,K-{c},Strada Unirii 3,water,2020-01-01,,,1960523 123457,Strada Unirii 3,Giurgiu,GR,080001,RO",
            $"{d},individual,Bērziņa Anna,K-{d},Brīvības iela 1,water,2020-01-01,,,010190-12345,Brīvības iela 1,Rīga,,LV-1050,LV");

        var report = (await ImportAsync(csv)).Value;

        report.Rejected.ShouldBeEmpty();
        report.Created.ShouldBe(4);
        var ids = await InDbAsync(db => db.Customers.Where(x => new[] { a, b, c, d }.Contains(x.ClientCode)).Select(x => x.Id).ToListAsync());
        var parties = (await Host.SendAsync(new GetCustomerParties(ids))).Value.ToDictionary(p => p.ClientCode);
        parties[a].ShouldBe(new CustomerParty(parties[a].CustomerId, a, "SC Apă Limpede SRL", LegalType.Company, "RO18547290", "J20/123/2010", null,
            null, new PostalAddress("Strada Horea 1", "Petroșani", "RO-HD", "332009", "RO")));
        parties[b].TaxId.ShouldBe("8609468");
        parties[b].Address.ShouldBe(new PostalAddress("Bd. Libertății 16", "SECTOR5", "RO-B", "050706", "RO"));
        parties[c].PersonalCode.ShouldBe("1960523123457");
        parties[d].PersonalCode.ShouldBe("010190-12345");
        parties[d].Address.Country.ShouldBe("LV");
    }

    [DbFact]
    public async Task A_bad_identifier_or_address_part_rejects_its_row_with_the_reason_and_stores_nothing()
    {
        var code = Unique("X");
        string Row(int n, string legal, string taxId, string personal, string city, string county, string postal, string country) =>
            $"{code}{n},{legal},Nume,K-{code}-{n},Adresă,water,2020-01-01,{taxId},,{personal},Strada 1,{city},{county},{postal},{country}";
        var csv = string.Join("\n",
            Header,
            Row(1, "company", "RO18547291", "", "Brașov", "BV", "500001", "RO"),
            Row(2, "company", "18547290", "", "Brașov", "ZZ", "500001", "RO"),
            Row(3, "company", "18547290", "", "Brașov", "BV", "5000", "RO"),
            Row(4, "company", "18547290", "", "Brașov", "BV", "500001", "XX"),
            Row(5, "public_institution", "8609468", "", "București", "RO-B", "050706", "RO"),
            Row(6, "individual", "", "1960523123458", "Giurgiu", "GR", "080001", "RO"),
            Row(7, "company", "18547290", "1960523123457", "Brașov", "BV", "500001", "RO"));

        var report = (await ImportAsync(csv)).Value;

        report.Created.ShouldBe(0);
        report.Rejected.Select(r => (r.Row, r.Code)).ShouldBe([
            (1, "accounts.import.tax_id_invalid"),
            (2, "accounts.import.county_invalid"),
            (3, "accounts.import.postal_code_invalid"),
            (4, "accounts.import.country_invalid"),
            (5, "accounts.import.bucharest_sector_required"),
            (6, "accounts.import.personal_code_invalid"),
            (7, "accounts.import.personal_code_not_individual"),
        ]);
        report.Rejected.ShouldAllBe(r => !string.IsNullOrWhiteSpace(r.Reason) && r.Reason != r.Code);
        (await InDbAsync(db => db.Customers.CountAsync(x => x.ClientCode.StartsWith(code)))).ShouldBe(0);
    }

    [DbFact]
    public async Task A_changed_address_updates_the_customer_and_the_same_row_again_changes_nothing()
    {
        var a = Unique("A");
        var csv = $"{Header}\n{a},company,SC Apă Limpede SRL,K-{a},Strada Horea 1,water,2020-01-01,18547290,,,Strada Horea 1,Brașov,BV,500001,RO";
        (await ImportAsync(csv)).Value.Created.ShouldBe(1);
        (await ImportAsync(csv)).Value.Unchanged.ShouldBe(1);

        var moved = (await ImportAsync(csv.Replace("Strada Horea 1,Brașov", "Strada Lungă 7,Brașov"))).Value;

        moved.Updated.ShouldBe(1);
        (await InDbAsync(db => db.Customers.Where(x => x.ClientCode == a).Select(x => x.Street).SingleAsync())).ShouldBe("Strada Lungă 7");
    }

    [DbFact]
    public async Task A_portal_user_gets_the_party_of_their_own_customers_only()
    {
        var own = await CreateCustomerAsync();
        var other = await CreateCustomerAsync();
        var userId = await CreateConfirmedUserAsync(NewEmail(), own);

        var parties = (await Host.SendAsync(new GetCustomerParties([own.Id, other.Id]), As(userId))).Value;

        parties.Select(p => p.CustomerId).ShouldBe([own.Id]);
        (await Host.SendAsync(new GetCustomerParties([own.Id, other.Id]))).Value.Count.ShouldBe(2);
    }
}

public sealed class SqliteCustomerLegalDataTests(SqliteDatabase database) : CustomerLegalDataTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresCustomerLegalDataTests(PostgresDatabase database) : CustomerLegalDataTests(database), IClassFixture<PostgresDatabase>;

/// <summary>The check digits and normal forms, without a database.</summary>
public sealed class LegalIdentifiersTests
{
    [Theory]
    [InlineData("8609468", true)]
    [InlineData("18547290", true)]
    [InlineData("14399840", true)]
    [InlineData("18547291", false)]
    [InlineData("08609468", false)]
    [InlineData("1", false)]
    public void A_cui_is_valid_only_with_its_check_digit(string cui, bool valid) => LegalIdentifiers.IsCui(cui).ShouldBe(valid);

    [Theory]
    [InlineData("1960523123457", true)]
    [InlineData("2851110400127", true)]
    [InlineData("6000101460018", true)]
    [InlineData("1960523123458", false)]
    [InlineData("0960523123457", false)]
    [InlineData("196052312345", false)]
    public void A_cnp_is_valid_only_with_its_check_digit(string cnp, bool valid) => LegalIdentifiers.IsCnp(cnp).ShouldBe(valid);

    [Theory]
    [InlineData("ro 18547290", "RO", "RO18547290")]
    [InlineData("18.547.290", "RO", "18547290")]
    [InlineData("LV40003032949", "RO", "LV40003032949")]
    [InlineData("40003032949", "LV", "40003032949")]
    [InlineData("DE123456789", "RO", "DE123456789")]
    [InlineData("RO18547291", "RO", null)]
    [InlineData("40003032949", "RO", null)]
    public void Fiscal_codes_are_compacted_and_checked_by_their_country(string value, string country, string? expected) =>
        LegalIdentifiers.TryTaxId(value, country).ShouldBe(expected);

    [Theory]
    [InlineData("bv", "RO", "RO-BV")]
    [InlineData("RO-B", "RO", "RO-B")]
    [InlineData("RO-XX", "RO", null)]
    [InlineData("LV-RIX", "LV", "LV-RIX")]
    public void Romanian_counties_take_their_iso_form(string value, string country, string? expected) =>
        LegalIdentifiers.TryCounty(value, country).ShouldBe(expected);
}
