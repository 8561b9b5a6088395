using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Billing.Persistence;
using Modular.Core.Access;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Billing.Tests.EInvoices;

/// <summary>
/// Transmission through the development transmitter (an exchange folder standing in for the authority): queued once,
/// uploaded once even by racing instances or after a crash, answers kept, rejections and blocked documents retried.
/// </summary>
public abstract class TransmissionTests(TestDatabase database) : EInvoiceTestBase(database)
{
    private readonly string _exchange = Directory.CreateTempSubdirectory("modular-einvoice-exchange").FullName;

    protected override Billing.EInvoiceProfile Profile => Billing.EInvoiceProfile.CiusRo;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Modular:Billing:EInvoice:Transmission:Enabled"] = "true";
            settings["Modular:Billing:EInvoice:Transmission:Folder"] = _exchange;
            settings["Modular:Billing:EInvoice:Transmission:RetrySeconds"] = "60";
            return settings;
        }
    }

    private string UploadsLog => Path.Combine(_exchange, "uploads.log");

    [DbFact]
    public async Task Issued_invoices_and_credit_notes_are_queued_once_uploaded_once_and_their_accepted_answers_kept()
    {
        await TariffsAsync();
        var company = await IssueAsync(Company());
        var household = await InvoiceOfAsync((await HouseholdWithConsumptionAsync()).ContractId, October);
        await Host.DrainOutboxAsync();
        var credit = (await Host.SendAsync(new IssueCreditNote(household.Id, CreditNoteReason.Reversal, null, null, Guid.NewGuid()))).Value;
        await Host.DrainOutboxAsync();
        await Host.DrainOutboxAsync();

        (await Host.SendAsync(new TransmitEInvoices())).Value.ShouldBe(3);
        (await Host.SendAsync(new PollEInvoiceTransmissions())).Value.ShouldBe(0);
        Host.Clock.Advance(Duration.FromSeconds(61));
        (await Host.SendAsync(new PollEInvoiceTransmissions())).Value.ShouldBe(3);

        var transmissions = (await Host.SendAsync(new GetEInvoiceTransmissions())).Value;
        transmissions.Select(t => t.DocumentId).ShouldBe([company.Id, household.Id, credit.CreditNoteId], ignoreOrder: true);
        transmissions.ShouldAllBe(t => t.Status == EInvoiceTransmissionStatus.Accepted);
        transmissions.Single(t => t.DocumentId == credit.CreditNoteId).Kind.ShouldBe(EInvoiceDocumentKind.CreditNote);
        var uploads = Directory.GetFiles(Path.Combine(_exchange, "uploads"), "*.xml");
        uploads.Length.ShouldBe(3);
        foreach (var upload in uploads)
        {
            await AssertValidAsync(await File.ReadAllBytesAsync(upload));
        }

        var info = (await Host.SendAsync(new GetEInvoiceTransmission(credit.CreditNoteId))).Value;
        var answer = XDocument.Parse(System.Text.Encoding.UTF8.GetString((await Host.SendAsync(new GetEInvoiceAnswer(credit.CreditNoteId))).Value.Content));
        var uploaded = await File.ReadAllBytesAsync(Path.Combine(_exchange, "uploads", info.UploadId + ".xml"));
        answer.Root!.Attribute("sha256")!.Value.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(uploaded)));
        (await Host.SendAsync(new TransmitEInvoices())).Value.ShouldBe(0);
        (await Host.SendAsync(new GetEInvoiceTransmissions(), Caller.Customer(Guid.NewGuid()))).Error.Code.ShouldBe("core.forbidden");
    }

    [DbFact]
    public async Task The_scheduled_transmission_uploads_due_documents_then_collects_their_answers()
    {
        await TariffsAsync();
        var company = await IssueAsync(Company());
        await Host.DrainOutboxAsync();

        var first = await RunTransmissionJobAsync();
        var second = await RunTransmissionJobAsync();

        first.Outcome.ShouldBe(Core.Schedules.ScheduledJobOutcome.Succeeded);
        first.Message.ShouldBe("1 document(s) uploaded, 0 answer(s) received.");
        second.Message.ShouldBe("0 document(s) uploaded, 1 answer(s) received.");
        (await Host.SendAsync(new GetEInvoiceTransmission(company.Id))).Value.Status.ShouldBe(EInvoiceTransmissionStatus.Accepted);
    }

    /// <summary>Moves the clock to the job's next occurrence (every five minutes) and runs what is due there.</summary>
    private async Task<Core.Schedules.ScheduledJobRun> RunTransmissionJobAsync()
    {
        var now = Host.Clock.GetCurrentInstant();
        var next = Instant.FromUnixTimeSeconds((now.ToUnixTimeSeconds() / 300 + 1) * 300).Plus(Duration.FromSeconds(1));
        Host.Clock.Advance(next - now);
        return (await Host.RunDueJobsAsync()).Single(r => r.Job == Modular.Billing.EInvoices.Transmission.EInvoiceTransmissionJob.Name);
    }

    [DbFact]
    public async Task Two_instances_transmitting_at_once_upload_each_document_once()
    {
        await TariffsAsync();
        for (var i = 0; i < 12; i++)
        {
            World.SetConsumption(Company(), October, 2m + i);
        }

        await RunAsync(October);
        await Host.DrainOutboxAsync();
        await using var second = await SecondInstanceAsync();

        var uploaded = await Task.WhenAll(
            Task.Run(() => Host.SendAsync(new TransmitEInvoices())),
            Task.Run(() => second.SendAsync(new TransmitEInvoices())));

        uploaded.Sum(u => u.Value).ShouldBe(12);
        var log = await File.ReadAllLinesAsync(UploadsLog);
        log.Length.ShouldBe(12);
        log.ShouldAllBe(l => l.EndsWith("\tnew"));
        log.Select(l => l.Split('\t')[0]).Distinct().Count().ShouldBe(12);
    }

    [DbFact]
    public async Task An_upload_left_unfinished_by_a_crash_is_taken_over_after_the_lease_under_the_same_key()
    {
        await TariffsAsync();
        var invoice = await IssueAsync(Company());
        await Host.DrainOutboxAsync();
        // An instance claimed the document, uploaded it and died before recording the upload.
        var key = await WithTransmissionAsync(invoice.Id, t =>
        {
            t.Status = EInvoiceTransmissionStatus.Uploading;
            t.LockedBy = "crashed";
            t.LockedUntil = Host.Clock.GetCurrentInstant().Plus(Duration.FromMinutes(5));
            t.Version = Guid.NewGuid();
            return t.UploadKey;
        });
        var transmitter = new Billing.EInvoices.Transmission.FolderEInvoiceTransmitter(Microsoft.Extensions.Options.Options.Create(new BillingOptions
        {
            EInvoice = new EInvoiceOptions { Transmission = new EInvoiceTransmissionOptions { Folder = _exchange } },
        }));
        await transmitter.UploadAsync(new(key, EInvoiceDocumentKind.Invoice, invoice.Number, "RO18547290", "x.xml", [1, 2, 3]), default);

        (await Host.SendAsync(new TransmitEInvoices())).Value.ShouldBe(0);
        Host.Clock.Advance(Duration.FromMinutes(6));
        (await Host.SendAsync(new TransmitEInvoices())).Value.ShouldBe(1);
        Host.Clock.Advance(Duration.FromSeconds(61));
        (await Host.SendAsync(new PollEInvoiceTransmissions())).Value.ShouldBe(1);

        (await File.ReadAllLinesAsync(UploadsLog)).ShouldBe([$"{key:N}\t{invoice.Number}\tnew", $"{key:N}\t{invoice.Number}\trepeated"]);
        var info = (await Host.SendAsync(new GetEInvoiceTransmission(invoice.Id))).Value;
        (info.Status, info.UploadId, info.Attempts).ShouldBe((EInvoiceTransmissionStatus.Accepted, key.ToString("N"), 1));
    }

    [DbFact]
    public async Task A_rejected_document_keeps_the_messages_and_after_a_retry_is_uploaded_anew()
    {
        await TariffsAsync();
        var invoice = await IssueAsync(Company());
        await Host.DrainOutboxAsync();
        await using var manual = await SecondInstanceAsync(answer: "None");
        (await manual.SendAsync(new TransmitEInvoices())).Value.ShouldBe(1);
        var first = (await manual.SendAsync(new GetEInvoiceTransmission(invoice.Id))).Value.UploadId!;
        (await manual.SendAsync(new PollEInvoiceTransmissions())).Value.ShouldBe(0);

        Answer(first, "rejected", "E: codul fiscal al cumpărătorului nu este valid");
        (await manual.SendAsync(new PollEInvoiceTransmissions())).Value.ShouldBe(0);
        Host.Clock.Advance(Duration.FromSeconds(61));
        (await manual.SendAsync(new PollEInvoiceTransmissions())).Value.ShouldBe(1);

        var rejected = (await manual.SendAsync(new GetEInvoiceTransmission(invoice.Id))).Value;
        (rejected.Status, rejected.Messages.Single()).ShouldBe((EInvoiceTransmissionStatus.Rejected, "E: codul fiscal al cumpărătorului nu este valid"));
        (await manual.SendAsync(new RetryEInvoiceTransmission(invoice.Id))).IsSuccess.ShouldBeTrue();
        (await manual.SendAsync(new TransmitEInvoices())).Value.ShouldBe(1);
        var second = (await manual.SendAsync(new GetEInvoiceTransmission(invoice.Id))).Value.UploadId!;
        second.ShouldNotBe(first);
        Answer(second, "accepted", null);
        Host.Clock.Advance(Duration.FromSeconds(61));
        (await manual.SendAsync(new PollEInvoiceTransmissions())).Value.ShouldBe(1);
        (await manual.SendAsync(new GetEInvoiceTransmission(invoice.Id))).Value.Status.ShouldBe(EInvoiceTransmissionStatus.Accepted);
        (await manual.SendAsync(new RetryEInvoiceTransmission(invoice.Id))).Error.Code.ShouldBe("billing.einvoice_transmission_not_retryable");
    }

    [DbFact]
    public async Task A_document_that_cannot_be_made_is_blocked_with_the_reason_and_sent_once_the_data_is_fixed()
    {
        await TariffsAsync();
        var contract = World.AddCustomer("Vasile Lupu", LegalType.Individual, null, null, null, new PostalAddress("Strada Lungă 3", null, null, null, "RO"));
        var invoice = await IssueAsync(contract);
        await Host.DrainOutboxAsync();

        (await Host.SendAsync(new TransmitEInvoices())).Value.ShouldBe(0);
        var blocked = (await Host.SendAsync(new GetEInvoiceTransmission(invoice.Id))).Value;
        (blocked.Status, blocked.Problem).ShouldBe((EInvoiceTransmissionStatus.Blocked, "billing.einvoice_buyer_incomplete"));

        World.Parties[contract.CustomerId] = World.Parties[contract.CustomerId] with { Address = new PostalAddress("Strada Lungă 3", "Brașov", "RO-BV", null, "RO") };
        (await Host.SendAsync(new RetryEInvoiceTransmission(invoice.Id))).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new TransmitEInvoices())).Value.ShouldBe(1);
    }

    [DbFact]
    public async Task A_failed_upload_waits_and_is_tried_again()
    {
        await TariffsAsync();
        var invoice = await IssueAsync(Company());
        await Host.DrainOutboxAsync();
        var blocker = Path.Combine(_exchange, "uploads");
        await File.WriteAllTextAsync(blocker, "not a folder");

        (await Host.SendAsync(new TransmitEInvoices())).Value.ShouldBe(0);
        var failed = (await Host.SendAsync(new GetEInvoiceTransmission(invoice.Id))).Value;
        (failed.Status, failed.Attempts).ShouldBe((EInvoiceTransmissionStatus.Pending, 1));
        failed.Problem.ShouldNotBeNullOrWhiteSpace();
        File.Delete(blocker);
        (await Host.SendAsync(new TransmitEInvoices())).Value.ShouldBe(0);

        Host.Clock.Advance(Duration.FromSeconds(61));
        (await Host.SendAsync(new TransmitEInvoices())).Value.ShouldBe(1);
        (await Host.SendAsync(new GetEInvoiceTransmission(invoice.Id))).Value.Attempts.ShouldBe(2);
    }

    private async Task<ContractSummary> HouseholdWithConsumptionAsync()
    {
        var contract = Household();
        World.SetConsumption(contract, October, 3m);
        await RunAsync(October);
        return contract;
    }

    private void Answer(string uploadId, string verdict, string? message)
    {
        Directory.CreateDirectory(Path.Combine(_exchange, "answers"));
        var answer = new XElement("header", message is null ? null : new XElement("Error", new XAttribute("errorMessage", message)));
        answer.Save(Path.Combine(_exchange, "answers", $"{uploadId}.{verdict}.xml"));
    }

    private Task<T> WithTransmissionAsync<T>(Guid documentId, Func<Domain.EInvoiceTransmission, T> change) =>
        Host.WithContextAsync<BillingDbContext, T>(async db =>
        {
            var transmission = await db.EInvoiceTransmissions.SingleAsync(t => t.DocumentId == documentId);
            var result = change(transmission);
            await db.SaveChangesAsync();
            return result;
        });

    /// <summary>Another instance of the same host on the same database and clock.</summary>
    private Task<TestHost> SecondInstanceAsync(string answer = "Accept")
    {
        var settings = new Dictionary<string, string?>(Settings)
        {
            ["Modular:Billing:Series"] = Series,
            ["Modular:Billing:EInvoice:Transmission:DevelopmentAnswer"] = answer,
        };
        return TestHost.StartAsync(Database, m => m.AddModule(new AccountsDouble(World)).AddModule(new ReadingsDouble()).AddBilling(), settings, Host.Clock);
    }

    protected override void Cleanup() => Directory.Delete(_exchange, recursive: true);
}

public sealed class SqliteTransmissionTests(SqliteDatabase database) : TransmissionTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresTransmissionTests(PostgresDatabase database) : TransmissionTests(database), IClassFixture<PostgresDatabase>;
