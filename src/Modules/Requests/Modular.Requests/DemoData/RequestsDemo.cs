using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Accounts.Contracts;
using Modular.Core.Demo;
using Modular.Core.Time;
using Modular.Requests.Catalogue;
using Modular.Requests.Contracts;
using Modular.Requests.Domain;
using Modular.Requests.Persistence;
using Modular.Requests.Submissions;
using Modular.Requests.Workflow;
using NodaTime;

namespace Modular.Requests.DemoData;

/// <summary>
/// Requests' demo data: four requests of the first demo customer (the demo login's) in different states – just
/// submitted, in progress, waiting for the customer after a staff answer, and resolved – from the starter catalogue.
/// </summary>
internal sealed class RequestsDemo(RequestsDbContext db, FormCatalogue catalogue, UtilityClock clock, IOptions<RequestsOptions> options) : IDemoData
{
    public Task<bool> HasDataAsync(CancellationToken cancellationToken) => db.Requests.AnyAsync(cancellationToken);

    public async Task LoadAsync(DemoDataContext context, CancellationToken cancellationToken)
    {
        var contracts = await context.Mediator.Send(new ListContracts(null, 10_000), cancellationToken);
        if (contracts.IsFailure || contracts.Value.Count == 0)
        {
            return;
        }

        var contract = contracts.Value.OrderBy(c => c.ClientCode, StringComparer.Ordinal).ThenBy(c => c.ContractNumber, StringComparer.Ordinal).First();
        var now = clock.Now;
        var staff = Guid.Parse("5e7f0000-0000-4000-8000-000000000001");
        var samples = new (string Form, Dictionary<string, string?> Values, Duration Ago, RequestStatus[] Path, string? Answer)[]
        {
            ("free-message", new() { ["subject"] = "Program de lucru de sărbători", ["message"] = "Bună ziua, care este programul casieriei în perioada sărbătorilor?" },
                Duration.FromHours(3), [], null),
            ("meter-verification", new() { ["contract"] = contract.ContractId.ToString(), ["reason"] = "verification", ["details"] = "Sigiliul pare deteriorat." },
                Duration.FromDays(4), [RequestStatus.Assigned, RequestStatus.InProgress], null),
            ("e-invoice", new() { ["contract"] = contract.ContractId.ToString(), ["email"] = "demo@example.ro" },
                Duration.FromDays(6), [RequestStatus.Assigned, RequestStatus.InProgress, RequestStatus.WaitingForCustomer],
                "Vă rugăm să confirmați adresa de e-mail la care doriți să primiți facturile."),
            ("leak-report", new() { ["address"] = contract.ServiceAddress, ["place"] = "street", ["details"] = "Apă care iese de sub asfalt lângă cămin." },
                Duration.FromDays(9), [RequestStatus.Assigned, RequestStatus.InProgress, RequestStatus.Resolved],
                "Echipa de intervenție a remediat avaria în aceeași zi. Vă mulțumim pentru sesizare."),
        };

        var system = Core.Access.Caller.System;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (code, values, ago, path, answer) in samples)
        {
            if (catalogue.Find(code) is not { } form)
            {
                continue;
            }

            var at = now - ago;
            var id = Guid.CreateVersion7();
            var request = new ServiceRequest
            {
                Id = id,
                Number = await RequestNumbers.NextAsync(db, $"{options.Value.NumberPrefix}-{clock.DateOf(at).Year:D4}", cancellationToken),
                FormCode = form.Code,
                Department = form.Department,
                CustomerId = contract.CustomerId,
                ContractId = values.ContainsKey("contract") ? contract.ContractId : null,
                FieldValues = JsonSerializer.Serialize(values),
                Status = RequestStatus.Submitted,
                Channel = nameof(Core.Access.Channel.Portal),
                SubmittedAt = at,
                DueAt = RequestChanges.DueAt(form, at, clock, options.Value),
                LastActivityAt = at,
                IdempotencyKey = "demo-" + code,
                Version = 1,
            };
            db.Requests.Add(request);
            db.History.Add(new RequestHistoryEntry { Id = Guid.CreateVersion7(), RequestId = id, To = RequestStatus.Submitted, At = at });
            foreach (var step in path)
            {
                at += Duration.FromHours(2);
                if (step == RequestStatus.WaitingForCustomer || step == RequestStatus.Resolved)
                {
                    db.Messages.Add(new RequestMessage
                    {
                        Id = Guid.CreateVersion7(), RequestId = id, Author = MessageAuthor.Staff, AuthorId = staff, Body = answer!, PostedAt = at,
                    });
                }

                RequestChanges.Move(db, request, step, system, at, RequestChanges.Calendar(clock, options.Value), step == RequestStatus.Assigned ? staff : null);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
