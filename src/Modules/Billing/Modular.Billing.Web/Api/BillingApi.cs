using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Localization;
using Modular.Core.Results;
using Modular.Web.Api;
using Modular.Web.Localization;
using Modular.Web.Security;
using NodaTime;

namespace Modular.Billing.Web.Api;

/// <summary>Balances and invoices (and their PDFs and e-invoices) of the token's owner on <c>/api/v1</c>.</summary>
internal static class BillingApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var read = api.MapGroup(string.Empty).RequireAuthorization(ApiPolicies.Read);
        read.MapGet("/balances", BalancesAsync)
            .WithName("GetBalances").WithSummary("Balance of each of the owner's customers.").Produces<IReadOnlyList<Balance>>();
        read.MapGet("/invoices", InvoicesAsync)
            .WithName("GetInvoices").WithSummary("Invoices, newest period first; optional period range (yyyy-MM) and status.")
            .Produces<IReadOnlyList<InvoiceSummary>>().ProducesProblem(422);
        read.MapGet("/invoices/{id:guid}", InvoiceAsync)
            .WithName("GetInvoice").WithSummary("One invoice.").Produces<InvoiceSummary>().ProducesProblem(404);
        read.MapGet("/invoices/{id:guid}/pdf", InvoicePdfAsync)
            .WithName("GetInvoicePdf").WithSummary("The invoice as PDF.").Produces(200, contentType: "application/pdf").ProducesProblem(404);
        read.MapGet("/invoices/{id:guid}/einvoice", EInvoiceAsync)
            .WithName("GetInvoiceEInvoice").WithSummary("The invoice as a UBL 2.1 e-invoice (CIUS-RO or Peppol BIS 3, as the utility issues them).")
            .Produces(200, contentType: "application/xml").ProducesProblem(404).ProducesProblem(422);
    }

    private static async Task<IResult> BalancesAsync(IMediator mediator, ITextCatalog texts, CancellationToken ct)
    {
        var contracts = await mediator.Send(new GetMyContracts(), ct);
        if (contracts.IsFailure)
        {
            return ApiProblems.From(contracts, texts);
        }

        var customers = contracts.Value.Select(c => c.CustomerId).Distinct().ToList();
        var found = customers.Count == 0 ? null : await mediator.Send(new GetBalances(customers), ct);
        if (found is { IsFailure: true })
        {
            return ApiProblems.From(found, texts);
        }

        var balances = found?.Value ?? [];
        return Results.Ok(balances);
    }

    private static async Task<IResult> InvoicesAsync(IMediator mediator, ITextCatalog texts, string? from, string? to, InvoiceStatus? status,
        CancellationToken ct)
    {
        var first = Period(from, nameof(from));
        var last = Period(to, nameof(to));
        if (first.IsFailure || last.IsFailure)
        {
            return ApiProblems.From(first.IsFailure ? first : last, texts);
        }

        return await ApiProblems.SendAsync(mediator, texts, new GetInvoices(From: first.Value, To: last.Value, Status: status), ct);
    }

    /// <summary>An optional period in ISO form (yyyy-MM).</summary>
    private static Result<YearMonth?> Period(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Result.Success<YearMonth?>(null);
        }

        var parsed = NodaTime.Text.YearMonthPattern.Iso.Parse(text.Trim());
        return parsed.Success ? Result.Success<YearMonth?>(parsed.Value) : Result<YearMonth?>.Failure("web.invalid_period", field);
    }

    private static async Task<IResult> InvoiceAsync(IMediator mediator, ITextCatalog texts, Guid id, CancellationToken ct)
    {
        var found = await mediator.Send(new GetInvoicesByIds([id]), ct);
        if (found.IsFailure)
        {
            return ApiProblems.From(found, texts);
        }

        return found.Value.Count == 0 ? ApiProblems.From(Result.Failure(CoreErrors.NotFound), texts) : Results.Ok(found.Value[0]);
    }

    private static async Task<IResult> EInvoiceAsync(IMediator mediator, ITextCatalog texts, Guid id, CancellationToken ct)
    {
        var document = await mediator.Send(new GetEInvoice(id), ct);
        return document.IsSuccess
            ? Results.File(document.Value.Content, document.Value.ContentType, document.Value.FileName)
            : ApiProblems.From(document, texts);
    }

    private static async Task<IResult> InvoicePdfAsync(IMediator mediator, ITextCatalog texts, Guid id, CancellationToken ct)
    {
        var document = await mediator.Send(new GetInvoiceDocument(id, DocumentFormat.Pdf, PortalText.Culture), ct);
        return document.IsSuccess
            ? Results.File(document.Value.Content, document.Value.ContentType, document.Value.FileName)
            : ApiProblems.From(document, texts);
    }
}
