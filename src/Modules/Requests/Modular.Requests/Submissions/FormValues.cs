using System.Globalization;
using MediatR;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Results;
using Modular.Readings.Contracts;
using Modular.Requests.Catalogue;
using Modular.Requests.Contracts;
using NodaTime;
using NodaTime.Text;

namespace Modular.Requests.Submissions;

/// <summary>A form's values checked per field kind: the values kept (trimmed, normalised) and the contract, meter and invoice they name.</summary>
internal sealed record CheckedValues(Dictionary<string, string?> Values, Guid? ContractId, Guid? MeterId, Guid? InvoiceId);

/// <summary>
/// Checks the values typed into a form, field by field, with one error per field (its code in <see cref="Error.Field"/>).
/// Contracts, meters and invoices must be the customer's: asked of Accounts, Readings and Billing through their Contracts.
/// </summary>
internal sealed class FormValues(IMediator mediator)
{
    public async Task<(CheckedValues? Values, IReadOnlyList<Error> Errors)> CheckAsync(FormDefinition form, IReadOnlyDictionary<string, string?> typed,
        IReadOnlyList<AttachmentUpload> attachments, Guid customerId, LocalDate today, int contestPeriodDays, CancellationToken cancellationToken)
    {
        var errors = new List<Error>();
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        Guid? contractId = null, meterId = null, invoiceId = null;
        (FieldDefinition Field, string Text)? meterField = null;
        foreach (var field in form.Fields)
        {
            var text = typed.TryGetValue(field.Code, out var v) ? v?.Trim() : null;
            if (field.FieldKind == FieldKind.Attachment)
            {
                if (field.Required && !attachments.Any(a => a.FieldCode == field.Code))
                {
                    errors.Add(Error.Of(RequestsErrors.FieldRequired, field.Code));
                }

                continue;
            }

            if (string.IsNullOrEmpty(text))
            {
                if (field.Required)
                {
                    errors.Add(Error.Of(RequestsErrors.FieldRequired, field.Code));
                }

                continue;
            }

            if (field.FieldKind == FieldKind.Meter)
            {
                // Checked after the contract, so a meter of another contract than the one chosen is refused too.
                meterField = (field, text);
                continue;
            }

            var error = field.FieldKind switch
            {
                FieldKind.Text or FieldKind.Address => Length(field, text),
                FieldKind.Number => Number(field, ref text),
                FieldKind.Date => Date(field, ref text),
                FieldKind.Choice => field.Choices.Any(c => c.Code == text) ? null : Error.Of(RequestsErrors.FieldChoiceInvalid, field.Code),
                FieldKind.Contract => await ContractAsync(field, text, customerId, id => contractId = id, cancellationToken),
                FieldKind.Invoice => await InvoiceAsync(field, form, text, customerId, today, contestPeriodDays, id => invoiceId = id, cancellationToken),
                _ => null,
            };
            if (error is not null)
            {
                errors.Add(error);
                continue;
            }

            values[field.Code] = text;
        }

        if (meterField is { } deferred)
        {
            var error = await MeterAsync(deferred.Field, deferred.Text, customerId, contractId, id => meterId = id, cancellationToken);
            if (error is null)
            {
                values[deferred.Field.Code] = deferred.Text;
            }
            else
            {
                errors.Add(error);
            }
        }

        return errors.Count > 0 ? (null, errors) : (new CheckedValues(values, contractId, meterId, invoiceId), []);
    }

    private static Error? Length(FieldDefinition field, string text)
    {
        var max = field.MaxLength ?? (field.FieldKind == FieldKind.Address ? RequestsLimits.DefaultAddressLength : RequestsLimits.DefaultTextLength);
        return text.Length > max ? Error.Of(RequestsErrors.FieldTooLong, field.Code, ("max", max)) : null;
    }

    private static Error? Number(FieldDefinition field, ref string text)
    {
        var normalised = text.Replace(',', '.').Replace(" ", string.Empty, StringComparison.Ordinal);
        if (normalised.Length > 30 || !decimal.TryParse(normalised, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
                out var number))
        {
            return Error.Of(RequestsErrors.FieldNotANumber, field.Code);
        }

        if ((field.Min is { } min && number < min) || (field.Max is { } max && number > max))
        {
            return Error.Of(RequestsErrors.FieldOutOfRange, field.Code,
                ("min", field.Min?.ToString(CultureInfo.InvariantCulture) ?? "–"), ("max", field.Max?.ToString(CultureInfo.InvariantCulture) ?? "–"));
        }

        text = number.ToString(CultureInfo.InvariantCulture);
        return null;
    }

    private static Error? Date(FieldDefinition field, ref string text)
    {
        var parsed = LocalDatePattern.Iso.Parse(text);
        if (!parsed.Success)
        {
            return Error.Of(RequestsErrors.FieldNotADate, field.Code);
        }

        text = LocalDatePattern.Iso.Format(parsed.Value);
        return null;
    }

    private async Task<Error?> ContractAsync(FieldDefinition field, string text, Guid customerId, Action<Guid> found, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(text, out var id) || await CustomerOfContractAsync(id, cancellationToken) != customerId)
        {
            return Error.Of(RequestsErrors.FieldContractNotYours, field.Code);
        }

        found(id);
        return null;
    }

    private async Task<Error?> MeterAsync(FieldDefinition field, string text, Guid customerId, Guid? contractId, Action<Guid> found,
        CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(text, out var id))
        {
            return Error.Of(RequestsErrors.FieldMeterNotYours, field.Code);
        }

        var meter = await mediator.Send(new GetMeter(id), cancellationToken);
        if (meter.IsFailure || (contractId is { } chosen && meter.Value.ContractId != chosen)
            || await CustomerOfContractAsync(meter.Value.ContractId, cancellationToken) != customerId)
        {
            return Error.Of(RequestsErrors.FieldMeterNotYours, field.Code);
        }

        found(id);
        return null;
    }

    private async Task<Error?> InvoiceAsync(FieldDefinition field, FormDefinition form, string text, Guid customerId, LocalDate today, int contestPeriodDays,
        Action<Guid> found, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(text, out var id))
        {
            return Error.Of(RequestsErrors.FieldInvoiceNotYours, field.Code);
        }

        var invoices = await mediator.Send(new GetInvoicesByIds([id]), cancellationToken);
        var invoice = invoices.IsSuccess ? invoices.Value.SingleOrDefault(i => i.InvoiceId == id) : null;
        if (invoice is null || invoice.CustomerId != customerId)
        {
            return Error.Of(RequestsErrors.FieldInvoiceNotYours, field.Code);
        }

        if (form.WithinContestPeriod && invoice.IssueDate.PlusDays(contestPeriodDays) < today)
        {
            return Error.Of(RequestsErrors.ContestPeriodOver, field.Code, ("days", contestPeriodDays),
                ("until", invoice.IssueDate.PlusDays(contestPeriodDays)));
        }

        found(id);
        return null;
    }

    private async Task<Guid?> CustomerOfContractAsync(Guid contractId, CancellationToken cancellationToken)
    {
        var contract = await mediator.Send(new GetContract(contractId), cancellationToken);
        return contract.IsSuccess ? contract.Value.CustomerId : null;
    }

    /// <summary>The customer the form's contract field names, when it names a contract the caller may see.</summary>
    public async Task<Guid?> CustomerOfContractFieldAsync(FormDefinition form, IReadOnlyDictionary<string, string?> typed, CancellationToken cancellationToken)
    {
        if (form.Fields.FirstOrDefault(f => f.FieldKind == FieldKind.Contract) is { } field && typed.TryGetValue(field.Code, out var text)
            && Guid.TryParse(text?.Trim(), out var id))
        {
            return await CustomerOfContractAsync(id, cancellationToken);
        }

        return null;
    }
}
