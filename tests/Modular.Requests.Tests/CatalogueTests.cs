using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Requests.Catalogue;
using Modular.Requests.Contracts;
using Shouldly;
using Xunit;

namespace Modular.Requests.Tests;

/// <summary>The catalogue file: the starter catalogue is valid, and every mistake in a utility's file is named.</summary>
public sealed class CatalogueValidationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "modular-requests-catalogue-" + Guid.NewGuid().ToString("N"));

    public CatalogueValidationTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private DataFolder Data => DataFolder.Resolve(new ConfigurationBuilder().AddInMemoryCollection(
        new Dictionary<string, string?> { [DataFolder.ConfigurationKey] = _folder }).Build(), _folder);

    private IReadOnlyList<string> Errors(object catalogue)
    {
        File.WriteAllText(Path.Combine(_folder, "forms.json"), JsonSerializer.Serialize(catalogue));
        return FormCatalogue.Load(new RequestsOptions { CatalogueFile = "forms.json" }, Data).Errors;
    }

    private static Dictionary<string, string> Text(string en) => new() { ["ro"] = en + " (ro)", ["en"] = en, ["lv"] = en + " (lv)" };

    private static object Form(string code = "f", object[]? fields = null, object? time = null, string[]? users = null, string department = "billing") => new
    {
        code, title = Text("Form"), department, users = users ?? ["customer"], timeToResolve = time ?? new { workingDays = 3 }, fields = fields ?? [],
    };

    private static object Field(string code, string kind, object? extra = null)
    {
        var field = new Dictionary<string, object?> { ["code"] = code, ["kind"] = kind, ["label"] = Text("Label") };
        foreach (var p in extra?.GetType().GetProperties() ?? [])
        {
            field[p.Name] = p.GetValue(extra);
        }

        return field;
    }

    [Fact]
    public void The_starter_catalogue_has_the_ten_forms_in_three_languages_and_every_field_kind()
    {
        var (catalogue, errors) = FormCatalogue.Load(new RequestsOptions(), Data);
        errors.ShouldBeEmpty();
        catalogue!.Forms.Select(f => f.Code).ShouldBe(["meter-verification", "change-of-holder", "new-connection", "disconnection-reconnection",
            "reading-dispute", "invoice-correction", "payment-not-showing", "leak-report", "e-invoice", "free-message"]);
        catalogue.Forms.SelectMany(f => f.Fields).Select(f => f.FieldKind).Distinct().Count().ShouldBe(Enum.GetValues<FieldKind>().Length);
        catalogue.Forms.Single(f => f.Code == "reading-dispute").Title["ro"].ShouldBe("Contestare index facturat");
        catalogue.Forms.Single(f => f.Code == "leak-report").Title["lv"].ShouldBe("Noplūdes vai bojājuma ziņojums");
    }

    [Fact]
    public void A_valid_file_replaces_the_starter_catalogue()
    {
        Errors(new { forms = new[] { Form("only", [Field("note", "text", new { required = true, maxLength = 10 })]) } }).ShouldBeEmpty();
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        FormCatalogue.Load(new RequestsOptions { CatalogueFile = "nowhere.json" }, Data).Errors.Single().ShouldContain("does not exist");
    }

    [Fact]
    public void Each_mistake_is_named_with_its_form_and_field()
    {
        var errors = Errors(new
        {
            forms = new[]
            {
                Form("dup", [Field("a", "choice"), Field("b", "colour"), Field("c", "number", new { min = 5, max = 1 }), Field("d", "text", new { min = 1 }),
                    Field("e", "date", new { maxLength = 5 }), Field("a", "text")], time: new { workingDays = 2, workingHours = 3 }, users: ["robot"]),
                Form("dup", department: "Billing Dept"),
            },
        });
        errors.ShouldContain(e => e.Contains("form 1 ('dup'), field 1 ('a')") && e.Contains("needs choices"));
        errors.ShouldContain(e => e.Contains("field 2 ('b')") && e.Contains("kind 'colour'"));
        errors.ShouldContain(e => e.Contains("field 3 ('c')") && e.Contains("min is greater than max"));
        errors.ShouldContain(e => e.Contains("field 4 ('d')") && e.Contains("min and max apply to number fields"));
        errors.ShouldContain(e => e.Contains("field 5 ('e')") && e.Contains("maxLength applies to text and address"));
        errors.ShouldContain(e => e.Contains("field 6 ('a')") && e.Contains("used by another field"));
        errors.ShouldContain(e => e.Contains("form 1 ('dup')") && e.Contains("workingDays or workingHours"));
        errors.ShouldContain(e => e.Contains("user 'robot'"));
        errors.ShouldContain(e => e.Contains("form 2 ('dup')") && e.Contains("used by another form"));
        errors.ShouldContain(e => e.Contains("form 2 ('dup')") && e.Contains("department"));
    }

    [Fact]
    public void Texts_need_all_three_languages()
    {
        var errors = Errors(new
        {
            forms = new[] { new { code = "x", title = new Dictionary<string, string> { ["ro"] = "Cerere", ["de"] = "Antrag" }, department = "d",
                users = new[] { "customer" }, timeToResolve = new { workingHours = 4 }, fields = Array.Empty<object>() } },
        });
        errors.ShouldContain(e => e.Contains("title has no 'en' text"));
        errors.ShouldContain(e => e.Contains("title has no 'lv' text"));
        errors.ShouldContain(e => e.Contains("'de' is not one of ro, en, lv"));
    }

    [Fact]
    public void A_contest_period_form_needs_a_required_invoice_field_and_unknown_keys_are_refused()
    {
        File.WriteAllText(Path.Combine(_folder, "forms.json"), """{ "forms": [ { "code": "x", "colour": "red" } ] }""");
        FormCatalogue.Load(new RequestsOptions { CatalogueFile = "forms.json" }, Data).Errors.Single().ShouldContain("not a valid catalogue");

        var errors = Errors(new { forms = new[] { new { code = "dispute", title = Text("Dispute"), department = "billing", users = new[] { "customer" },
            timeToResolve = new { workingDays = 5 }, withinContestPeriod = true, fields = new[] { Field("invoice", "invoice") } } } });
        errors.ShouldContain(e => e.Contains("withinContestPeriod needs a required invoice field"));
    }
}

/// <summary>Which forms each caller sees, and a host that refuses to start on a bad catalogue.</summary>
public abstract class CatalogueTests(TestDatabase database) : IAsyncLifetime
{
    private RequestsHost _host = null!;

    public async Task InitializeAsync() => _host = await RequestsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task Each_caller_kind_gets_the_forms_meant_for_it()
    {
        var (customer, user) = _host.CustomerWithUser();
        var portal = (await _host.SendAsync(new GetRequestForms(), user)).Value.Select(f => f.Code).ToList();
        portal.Count.ShouldBe(10);

        var kiosk = (await _host.SendAsync(new GetRequestForms(), Caller.KioskSession(customer.CustomerId))).Value.Select(f => f.Code).ToList();
        kiosk.ShouldNotContain("new-connection");
        kiosk.ShouldNotContain("change-of-holder");
        kiosk.ShouldContain("leak-report");

        (await _host.SendAsync(new GetRequestForm("new-connection"), Caller.KioskSession(customer.CustomerId))).Error.Code
            .ShouldBe("requests.form_not_available");
        (await _host.SendAsync(new GetRequestForm("no-such-form"), user)).Error.Code.ShouldBe("requests.form_not_found");
        (await _host.SendAsync(new GetRequestForms(), Caller.Anonymous)).Error.Code.ShouldBe(Core.Results.CoreErrors.Forbidden);
    }

    [DbFact]
    public async Task A_host_with_a_broken_catalogue_does_not_start_and_says_why()
    {
        var file = Path.Combine(Path.GetTempPath(), "modular-bad-catalogue-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, """{ "forms": [ { "code": "X Y", "title": { "ro": "a", "en": "b", "lv": "c" }, "department": "d", "users": ["customer"], "timeToResolve": { "workingDays": 1 }, "fields": [] } ] }""");
        try
        {
            var error = await Should.ThrowAsync<Exception>(() => RequestsHost.StartAsync(database, settings: new Dictionary<string, string?>
            {
                ["Modular:Requests:CatalogueFile"] = file,
            }));
            error.ToString().ShouldContain("form 1 ('X Y'): the code must be");
        }
        finally
        {
            File.Delete(file);
        }
    }
}

public sealed class SqliteCatalogueTests(SqliteDatabase database) : CatalogueTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresCatalogueTests(PostgresDatabase database) : CatalogueTests(database), IClassFixture<PostgresDatabase>;
