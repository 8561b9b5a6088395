using Autofac;
using Modular.Core.Access;
using Modular.Core.Localization;
using Modular.Requests.Contracts;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Requests.Tests;

/// <summary>Submitting a form: numbers, values per field kind, the customer's own contracts, meters and invoices, idempotency, files.</summary>
public abstract class SubmissionTests(TestDatabase database) : IAsyncLifetime
{
    private RequestsHost _host = null!;

    public async Task InitializeAsync() => _host = await RequestsHost.StartAsync(database, settings: new Dictionary<string, string?>
    {
        ["Modular:Requests:MaxAttachmentBytes"] = "2048",
        ["Modular:Requests:MaxAttachments"] = "2",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static Dictionary<string, string?> Values(params (string Key, string? Value)[] values) => values.ToDictionary(v => v.Key, v => v.Value);

    [DbFact]
    public async Task A_request_gets_a_human_number_a_due_time_a_history_row_and_an_event()
    {
        var (customer, user) = _host.CustomerWithUser();
        var first = await _host.SubmitAsync(user);
        var second = await _host.SubmitAsync(user);
        first.Number.ShouldMatch(@"^CR-2026-\d{6}$");
        long.Parse(second.Number[8..]).ShouldBeGreaterThan(long.Parse(first.Number[8..]));
        first.AlreadySubmitted.ShouldBeFalse();

        var details = (await _host.SendAsync(new GetRequest(first.RequestId), user)).Value;
        details.Summary.Status.ShouldBe(RequestStatus.Submitted);
        details.Summary.CustomerId.ShouldBe(customer.CustomerId);
        details.Summary.Department.ShouldBe("customer-service");
        details.Values["subject"].ShouldBe("Program");
        details.History.Single().To.ShouldBe(RequestStatus.Submitted);
        details.Channel.ShouldBe("Portal");
        // Thursday 26.11.2026 12:00, five working days: Thursday 3.12.2026 at the end of the working day (16:00 in Bucharest).
        details.Summary.DueAt.ShouldBe(RequestsHost.LocalAt("Europe/Bucharest", 2026, 12, 3, 16));
        (await _host.EventsAbout(first.RequestId)).ShouldContain(m => m.Type.Contains(nameof(RequestSubmitted), StringComparison.Ordinal));
    }

    [DbFact]
    public async Task The_same_form_sent_twice_makes_one_request()
    {
        var (_, user) = _host.CustomerWithUser();
        var request = RequestsHost.FreeMessage(key: "form-key-1");
        var first = await _host.SubmitAsync(user, request);
        var again = await _host.SubmitAsync(user, request);
        again.RequestId.ShouldBe(first.RequestId);
        again.Number.ShouldBe(first.Number);
        again.AlreadySubmitted.ShouldBeTrue();

        var twins = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _host.SendAsync(RequestsHost.FreeMessage(key: "form-key-2"), user)));
        twins.ShouldAllBe(r => r.IsSuccess);
        twins.Select(r => r.Value.RequestId).Distinct().Count().ShouldBe(1);
        (await _host.SendAsync(new GetMyRequests(), user)).Value.Count.ShouldBe(2);
    }

    [DbFact]
    public async Task Numbers_stay_unique_when_many_customers_submit_at_once()
    {
        var users = Enumerable.Range(0, 8).Select(_ => _host.CustomerWithUser().User).ToList();
        var results = await Task.WhenAll(users.Select(u => _host.SendAsync(RequestsHost.FreeMessage(), u)));
        results.ShouldAllBe(r => r.IsSuccess);
        results.Select(r => r.Value.Number).Distinct().Count().ShouldBe(8);
    }

    [DbFact]
    public async Task Each_field_kind_refuses_bad_input_next_to_the_field_and_stores_nothing()
    {
        var (customer, user) = _host.CustomerWithUser();
        var other = _host.World.AddCustomer();
        var holder = await _host.SendAsync(new SubmitRequest("change-of-holder", Values(
            ("contract", other.ContractId.ToString()), ("new-holder", new string('x', 201)), ("new-holder-id", "1850101123456"),
            ("transfer-date", "31.02.2026"), ("index", "12a")), [], "k1"), user);
        holder.Errors.Select(e => (e.Field, e.Code)).ShouldBe([
            ("contract", "requests.field_contract_not_yours"), ("new-holder", "requests.field_too_long"), ("transfer-date", "requests.field_not_a_date"),
            ("index", "requests.field_not_a_number"), ("deed", "requests.field_required")], ignoreOrder: true);

        var meter = await _host.SendAsync(new SubmitRequest("meter-verification", Values(
            ("contract", customer.ContractId.ToString()), ("meter", other.MeterId.ToString()), ("reason", "because")), [], "k2"), user);
        meter.Errors.Select(e => (e.Field, e.Code)).ShouldBe([("meter", "requests.field_meter_not_yours"), ("reason", "requests.field_choice_invalid")],
            ignoreOrder: true);

        var payment = await _host.SendAsync(new SubmitRequest("payment-not-showing", Values(("amount", "0"), ("paid-on", ""), ("channel", "bank")), [],
            "k3"), user);
        payment.Errors.Select(e => (e.Field, e.Code)).ShouldBe([("amount", "requests.field_out_of_range"), ("paid-on", "requests.field_required"),
            ("proof", "requests.field_required")], ignoreOrder: true);

        var leak = await _host.SendAsync(new SubmitRequest("leak-report", Values(("address", new string('a', 301)), ("place", "street")), [], "k4"), user);
        leak.Error.Code.ShouldBe("requests.field_too_long");
        leak.Error.Field.ShouldBe("address");
        leak.Error.Arguments["max"].ShouldBe(300);

        var texts = _host.Host.Container.Resolve<ITextCatalog>();
        texts.Describe(payment.Errors[0], "ro").ShouldNotBeNullOrWhiteSpace();
        texts.Describe(holder.Errors.Single(e => e.Field == "new-holder"), "lv").ShouldContain("200");
        (await _host.SendAsync(new GetMyRequests(), user)).Value.ShouldBeEmpty();
    }

    [DbFact]
    public async Task Good_values_of_every_kind_are_kept_normalised_with_the_contract_meter_and_invoice()
    {
        var (customer, user) = _host.CustomerWithUser();
        var invoice = _host.World.AddInvoice(customer.CustomerId, new LocalDate(2026, 11, 10));
        var holder = await _host.SubmitAsync(user, new SubmitRequest("change-of-holder", Values(
            ("contract", customer.ContractId.ToString()), ("new-holder", " Maria Ionescu "), ("new-holder-id", "2850101123456"),
            ("transfer-date", "2026-11-20"), ("index", "123,450")), [new AttachmentUpload("act.pdf", RequestsHost.Pdf, "deed")], "ok1"));
        var details = (await _host.SendAsync(new GetRequest(holder.RequestId), user)).Value;
        details.Values["new-holder"].ShouldBe("Maria Ionescu");
        details.Values["index"].ShouldBe("123.450");
        details.ContractId.ShouldBe(customer.ContractId);
        details.Attachments.Single().ContentType.ShouldBe("application/pdf");

        var dispute = await _host.SubmitAsync(user, new SubmitRequest("reading-dispute", Values(
            ("invoice", invoice.ToString()), ("meter", customer.MeterId.ToString()), ("correct-index", "250")), [], "ok2"));
        var disputed = (await _host.SendAsync(new GetRequest(dispute.RequestId), user)).Value;
        disputed.InvoiceId.ShouldBe(invoice);
        disputed.MeterId.ShouldBe(customer.MeterId);
    }

    [DbFact]
    public async Task A_reading_dispute_is_refused_after_the_contest_period()
    {
        var (customer, user) = _host.CustomerWithUser();
        var old = _host.World.AddInvoice(customer.CustomerId, new LocalDate(2026, 10, 20));
        var result = await _host.SendAsync(new SubmitRequest("reading-dispute", Values(("invoice", old.ToString()), ("correct-index", "250")), [], "late"), user);
        result.Error.Code.ShouldBe("requests.contest_period_over");
        result.Error.Field.ShouldBe("invoice");
        result.Error.Arguments["until"].ShouldBe(new LocalDate(2026, 11, 19));

        var foreign = _host.World.AddInvoice(_host.World.AddCustomer().CustomerId, new LocalDate(2026, 11, 20));
        (await _host.SendAsync(new SubmitRequest("reading-dispute", Values(("invoice", foreign.ToString()), ("correct-index", "1")), [], "x"), user))
            .Error.Code.ShouldBe("requests.field_invoice_not_yours");
    }

    [DbFact]
    public async Task Files_are_judged_by_their_content_size_and_number()
    {
        var (_, user) = _host.CustomerWithUser();
        async Task<string> Refusal(params AttachmentUpload[] files) =>
            (await _host.SendAsync(RequestsHost.FreeMessage(files: files), user)).Error.Code;

        (await Refusal(new AttachmentUpload("factura.pdf", RequestsHost.Exe, "file"))).ShouldBe("requests.attachment_type_not_allowed");
        (await Refusal(new AttachmentUpload("poza.png", "GIF89a.........."u8.ToArray(), "file"))).ShouldBe("requests.attachment_type_not_allowed");
        (await Refusal(new AttachmentUpload("mare.pdf", [.. RequestsHost.Pdf, .. new byte[2048]], "file"))).ShouldBe("requests.attachment_too_large");
        (await Refusal(new AttachmentUpload("gol.pdf", [], "file"))).ShouldBe("requests.attachment_empty");
        (await Refusal(new AttachmentUpload("a.pdf", RequestsHost.Pdf, "file"), new AttachmentUpload("b.pdf", RequestsHost.Pdf, "file"),
            new AttachmentUpload("c.pdf", RequestsHost.Pdf, "file"))).ShouldBe("requests.too_many_attachments");
        (await Refusal(new AttachmentUpload("a.pdf", RequestsHost.Pdf, "photo"))).ShouldBe("requests.attachment_field_unknown");

        // A PNG named .pdf is a PNG: kept with the type its content has and a name that says so.
        var ok = await _host.SubmitAsync(user, RequestsHost.FreeMessage(files: new AttachmentUpload("../../scan.pdf", RequestsHost.Png, "file")));
        var attachment = (await _host.SendAsync(new GetRequest(ok.RequestId), user)).Value.Attachments.Single();
        attachment.ContentType.ShouldBe("image/png");
        attachment.FileName.ShouldBe("scan.pdf.png");
        var content = await _host.SendAsync(new GetRequestAttachment(ok.RequestId, attachment.AttachmentId), user);
        content.Value.Content.ShouldBe(RequestsHost.Png);
    }

    [DbFact]
    public async Task Staff_enter_a_request_only_while_acting_on_the_customers_behalf_and_kiosks_only_kiosk_forms()
    {
        var (customer, user) = _host.CustomerWithUser();
        var agent = RequestsHost.Staff(StaffRoles.CustomerService);
        (await _host.SendAsync(RequestsHost.FreeMessage(), agent)).Error.Code.ShouldBe("requests.acting_on_behalf_required");
        var entered = await _host.SubmitAsync(agent.OnBehalfOf(customer.CustomerId));
        var details = (await _host.SendAsync(new GetRequest(entered.RequestId), user)).Value;
        details.Channel.ShouldBe("Staff");
        details.Summary.CustomerId.ShouldBe(customer.CustomerId);

        (await _host.SendAsync(RequestsHost.FreeMessage(), RequestsHost.Staff(StaffRoles.Cashier).OnBehalfOf(customer.CustomerId))).Error.Code
            .ShouldBe(Core.Results.CoreErrors.Forbidden);
        var kiosk = Caller.KioskSession(customer.CustomerId);
        (await _host.SendAsync(new SubmitRequest("new-connection", Values(("address", "Str. Noua 1"), ("service", "water"), ("property", "house")), [], "kk"),
            kiosk)).Error.Code.ShouldBe("requests.form_not_available");
        (await _host.SubmitAsync(kiosk)).Number.ShouldStartWith("CR-");
    }

    [DbFact]
    public async Task A_portal_user_with_several_customers_names_the_customer_or_the_contract_does()
    {
        var a = _host.World.AddCustomer();
        var b = _host.World.AddCustomer();
        var user = _host.World.UserOf(a.CustomerId, b.CustomerId);
        (await _host.SendAsync(RequestsHost.FreeMessage(), user)).Error.Code.ShouldBe("requests.customer_required");
        var named = await _host.SubmitAsync(user, RequestsHost.FreeMessage() with { CustomerId = b.CustomerId });
        (await _host.SendAsync(new GetRequest(named.RequestId), user)).Value.Summary.CustomerId.ShouldBe(b.CustomerId);
        var byContract = await _host.SubmitAsync(user, new SubmitRequest("e-invoice", Values(("contract", a.ContractId.ToString()), ("email", "a@b.ro")), [], "c"));
        (await _host.SendAsync(new GetRequest(byContract.RequestId), user)).Value.Summary.CustomerId.ShouldBe(a.CustomerId);
        (await _host.SendAsync(RequestsHost.FreeMessage() with { CustomerId = Guid.NewGuid() }, user)).Error.Code.ShouldBe("requests.customer_required");
    }
}

public sealed class SqliteSubmissionTests(SqliteDatabase database) : SubmissionTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresSubmissionTests(PostgresDatabase database) : SubmissionTests(database), IClassFixture<PostgresDatabase>;
