using Autofac;
using Modular.Core.Access;
using Modular.Core.Localization;
using Modular.Core.Results;
using Modular.Requests.Contracts;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Requests.Tests;

/// <summary>Acts entered by staff: rules per field (localized), idempotent by number, the signed PDF checked by content, permissions.</summary>
public abstract class ActEntryTests(TestDatabase database) : IAsyncLifetime
{
    private ActsHost _host = null!;

    public async Task InitializeAsync() => _host = await ActsHost.StartAsync(database, new Dictionary<string, string?>
    {
        ["Modular:Requests:ActDocumentMaxBytes"] = "4096",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task Bad_input_is_refused_field_by_field_with_texts_in_every_language_and_nothing_is_stored()
    {
        var contract = _host.World.AddContract();
        var act = new RegisterAct(" ", contract.ContractNumber, (ActType)42, ActsHost.Today.PlusDays(1), " ", "",
            [new ActReadingTaken("", ActsHost.Today.PlusDays(2), -1m)], new ActDocumentUpload("act.pdf", "not a pdf at all, just text"u8.ToArray()));

        var result = await _host.SendAsync(act, ActsHost.Supervisor);

        result.Errors.Select(e => (e.Field, e.Code)).ShouldBe(
        [
            ("Number", "acts.number_required"),
            ("Type", "acts.type_invalid"),
            ("RegisteredOn", "acts.date_in_future"),
            ("Inspector", "acts.inspector_required"),
            ("Findings", "acts.findings_required"),
            ("Readings[0].Serial", "acts.reading_serial_required"),
            ("Readings[0].Index", "acts.reading_index_invalid"),
            ("Readings[0].Date", "acts.reading_date_invalid"),
            ("Document", "acts.document_not_pdf"),
        ], ignoreOrder: true);
        var texts = _host.Host.Container.Resolve<ITextCatalog>();
        foreach (var culture in new[] { "ro", "en", "lv" })
        {
            foreach (var error in result.Errors)
            {
                texts.Describe(error, culture).ShouldNotBe(error.Code, $"{error.Code} in {culture}");
            }
        }

        (await _host.ActsAsync()).ShouldBeEmpty();
    }

    [DbFact]
    public async Task An_unknown_contract_is_refused_on_its_field()
    {
        var result = await _host.SendAsync(_host.Act(_host.World.AddContract(), 1) with { ContractNumber = "CT-NOSUCH" }, ActsHost.Supervisor);
        (result.Error.Code, result.Error.Field).ShouldBe(("acts.contract_not_found", "ContractNumber"));
        (await _host.ActsAsync()).ShouldBeEmpty();
    }

    [DbFact]
    public async Task The_same_act_sent_twice_or_at_once_is_stored_once_and_another_act_under_its_number_is_refused()
    {
        var contract = _host.World.AddContract();
        var act = _host.Act(contract, 1, document: new ActDocumentUpload("scan.pdf", ActsHost.Pdf()));

        var both = await Task.WhenAll(_host.SendAsync(act, ActsHost.Supervisor), _host.SendAsync(act, ActsHost.Supervisor));
        var again = await _host.SendAsync(act, ActsHost.Supervisor);
        var other = await _host.SendAsync(act with { Findings = "Something else" }, ActsHost.Supervisor);

        both.ShouldAllBe(r => r.IsSuccess);
        both.Count(r => r.Value.AlreadyRegistered).ShouldBe(1);
        again.Value.AlreadyRegistered.ShouldBeTrue();
        again.Value.ActId.ShouldBe(both[0].Value.ActId);
        (other.Error.Code, other.Error.Field).ShouldBe(("acts.number_taken", "Number"));
        var stored = (await _host.ActsAsync()).ShouldHaveSingleItem();
        stored.Source.ShouldBe(ActSource.Staff);
        stored.DocumentName.ShouldBe(act.Number + ".pdf");
    }

    [DbFact]
    public async Task A_signed_act_must_really_be_a_pdf_within_the_size_limit()
    {
        var contract = _host.World.AddContract();
        var exe = "MZ\u0090\0 renamed program"u8.ToArray();
        var htmlWithPdfName = "<html><body>%PDF-1.4</body></html>%%EOF"u8.ToArray();
        var pdfHeaderOnly = "%PDF-1.7\n1 0 obj << >> endobj\n"u8.ToArray();
        var tooLarge = ActsHost.Pdf(new string('x', 5000));

        foreach (var content in new[] { exe, htmlWithPdfName, pdfHeaderOnly })
        {
            var refused = await _host.SendAsync(_host.Act(contract, 1, document: new ActDocumentUpload("act.pdf", content)), ActsHost.Supervisor);
            (refused.Error.Code, refused.Error.Field).ShouldBe(("acts.document_not_pdf", "Document"));
        }

        var large = await _host.SendAsync(_host.Act(contract, 1, document: new ActDocumentUpload("act.pdf", tooLarge)), ActsHost.Supervisor);
        large.Error.Code.ShouldBe("acts.document_too_large");
        large.Error.Field.ShouldBe("Document");
        (await _host.ActsAsync()).ShouldBeEmpty();
    }

    [DbFact]
    public async Task Acts_manage_registers_acts_and_acts_read_lists_them()
    {
        var contract = _host.World.AddContract();
        foreach (var role in new[] { StaffRoles.Cashier, StaffRoles.CustomerService })
        {
            (await _host.SendAsync(_host.Act(contract, 1), ActsHost.Staff(role))).Error.Code.ShouldBe(CoreErrors.Forbidden);
        }

        (await _host.SendAsync(_host.Act(contract, 1), ActsHost.Supervisor)).IsSuccess.ShouldBeTrue();
        (await _host.SendAsync(_host.Act(contract, 2, on: new LocalDate(2026, 10, 1)), ActsHost.Staff(StaffRoles.Administrator))).IsSuccess.ShouldBeTrue();

        foreach (var role in new[] { StaffRoles.Cashier, StaffRoles.CustomerService, StaffRoles.Supervisor })
        {
            var listed = await _host.SendAsync(new ListActs(ContractNumber: contract.ContractNumber), ActsHost.Staff(role));
            listed.Value.Select(a => a.Number).ShouldBe([_host.Number(1), _host.Number(2)]);
        }

        (await _host.SendAsync(new ListActs(Number: _host.Number(2)))).Value.ShouldHaveSingleItem().RegisteredOn.ShouldBe(new LocalDate(2026, 10, 1));
        (await _host.SendAsync(new ListActs(), _host.World.UserOf(contract.CustomerId))).Error.Code.ShouldBe(CoreErrors.Forbidden);
        (await _host.SendAsync(new ListActs(Take: 0))).Error.Code.ShouldBe("acts.take_invalid");
    }
}

public sealed class SqliteActEntryTests(SqliteDatabase database) : ActEntryTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresActEntryTests(PostgresDatabase database) : ActEntryTests(database), IClassFixture<PostgresDatabase>;
