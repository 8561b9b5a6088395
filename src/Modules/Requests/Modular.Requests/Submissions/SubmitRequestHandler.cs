using System.Text.Json;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Requests.Catalogue;
using Modular.Requests.Contracts;
using Modular.Requests.Domain;
using Modular.Requests.Persistence;
using Modular.Requests.Workflow;

namespace Modular.Requests.Submissions;

internal sealed class SubmitRequestValidator : AbstractValidator<SubmitRequest>
{
    public SubmitRequestValidator()
    {
        RuleFor(c => c.FormCode).NotEmpty().WithErrorCode(RequestsErrors.FormNotFound);
        RuleFor(c => c.IdempotencyKey).NotEmpty().WithErrorCode(RequestsErrors.IdempotencyKeyInvalid)
            .MaximumLength(100).WithErrorCode(RequestsErrors.IdempotencyKeyInvalid);
        RuleFor(c => c.Values).NotNull().WithErrorCode(RequestsErrors.FormNotFound);
        RuleFor(c => c.Attachments).NotNull().WithErrorCode(RequestsErrors.AttachmentEmpty);
    }
}

/// <summary>
/// Registers a customer's request from a form of the catalogue: the caller may use the form, the customer is the one
/// acted for or one of the portal user's, every field is checked per kind (the contract, meter and invoice must be the
/// customer's), files by their content; then a human number, the due time in the working calendar and
/// <see cref="RequestSubmitted"/>. The same idempotency key again answers the request it made.
/// </summary>
internal sealed class SubmitRequestHandler(RequestsDbContext db, FormCatalogue catalogue, FormValues formValues, AttachmentIntake attachments,
    IAccessScope access, ICurrentUser user, UtilityClock clock, IOptions<RequestsOptions> options) : IRequestHandler<SubmitRequest, Result<SubmittedRequest>>
{
    public async Task<Result<SubmittedRequest>> Handle(SubmitRequest request, CancellationToken cancellationToken)
    {
        var form = catalogue.Find(request.FormCode);
        if (form is null)
        {
            return Error.Of(RequestsErrors.FormNotFound, nameof(request.FormCode));
        }

        if (!FormCatalogue.MayUse(form, user))
        {
            return Error.Of(RequestsErrors.FormNotAvailable, nameof(request.FormCode));
        }

        var customer = await CustomerAsync(form, request, cancellationToken);
        if (customer.IsFailure)
        {
            return Result<SubmittedRequest>.From(customer);
        }

        var customerId = customer.Value;
        var key = request.IdempotencyKey.Trim();
        if (await ExistingAsync(customerId, key, cancellationToken) is { } existing)
        {
            return existing;
        }

        var o = options.Value;
        var (values, errors) = await formValues.CheckAsync(form, request.Values, request.Attachments, customerId, clock.Today, o.ContestPeriodDays,
            cancellationToken);
        var fileErrors = attachments.Check(request.Attachments,
            form.Fields.Where(f => f.FieldKind == FieldKind.Attachment).Select(f => f.Code).ToHashSet(StringComparer.Ordinal));
        if (errors.Count > 0 || fileErrors.Count > 0)
        {
            return Result<SubmittedRequest>.Failure([.. errors, .. fileErrors]);
        }

        var now = clock.Now;
        var id = Guid.CreateVersion7();
        var entity = new ServiceRequest
        {
            Id = id,
            Number = id.ToString("N"),
            FormCode = form.Code,
            Department = form.Department,
            CustomerId = customerId,
            ContractId = values!.ContractId,
            MeterId = values.MeterId,
            InvoiceId = values.InvoiceId,
            FieldValues = JsonSerializer.Serialize(values.Values),
            Status = RequestStatus.Submitted,
            Channel = user.Channel.ToString(),
            SubmittedByUser = user.UserId,
            SubmittedByStaff = user.StaffId,
            SubmittedAt = now,
            DueAt = RequestChanges.DueAt(form, now, clock, o),
            LastActivityAt = now,
            IdempotencyKey = key,
            Version = 1,
        };
        db.Requests.Add(entity);

        // The first save claims the idempotency key; a twin that claimed it first answers instead.
        var twin = await db.SaveUnlessConflictAsync(ct => ExistingAsync(customerId, key, ct), new Error(RequestsErrors.IdempotencyKeyInvalid),
            DbConflict.UniqueViolation, cancellationToken);
        if (twin is not null)
        {
            return twin;
        }

        entity.Number = await RequestNumbers.NextAsync(db, $"{o.NumberPrefix}-{clock.DateOf(now).Year:D4}", cancellationToken);
        db.Attachments.AddRange(await attachments.StoreAsync(id, null, request.Attachments, cancellationToken));
        db.History.Add(new RequestHistoryEntry
        {
            Id = Guid.CreateVersion7(),
            RequestId = id,
            From = null,
            To = RequestStatus.Submitted,
            At = now,
            ById = user.StaffId ?? user.UserId,
            ByStaff = user.Kind == CallerKind.Staff,
        });
        db.Publish(new RequestSubmitted(Guid.CreateVersion7(), now, id, entity.Number, customerId, form.Code, form.Department, entity.Channel, entity.DueAt));
        await db.SaveChangesAsync(cancellationToken);
        return new SubmittedRequest(id, entity.Number, entity.DueAt, false);
    }

    private async Task<Result<SubmittedRequest>?> ExistingAsync(Guid customerId, string key, CancellationToken cancellationToken)
    {
        var found = await db.Requests.AsNoTracking().Where(r => r.CustomerId == customerId && r.IdempotencyKey == key)
            .Select(r => new { r.Id, r.Number, r.DueAt }).SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : Result.Success(new SubmittedRequest(found.Id, found.Number, found.DueAt, true));
    }

    /// <summary>The acted-for or kiosk customer; for a portal user the one named, else the contract field's, else the only one.</summary>
    private async Task<Result<Guid>> CustomerAsync(FormDefinition form, SubmitRequest request, CancellationToken cancellationToken)
    {
        if (user.Kind == CallerKind.Staff && user.CustomerId is null)
        {
            return Error.Of(RequestsErrors.ActingOnBehalfRequired);
        }

        var scope = await access.GetAsync(cancellationToken);
        if (user.CustomerId is { } confined)
        {
            return request.CustomerId is null || request.CustomerId == confined ? confined : Error.Of(RequestsErrors.CustomerRequired, "CustomerId");
        }

        if (request.CustomerId is { } named)
        {
            return scope.CanSeeCustomer(named) ? named : Error.Of(RequestsErrors.CustomerRequired, "CustomerId");
        }

        if (await formValues.CustomerOfContractFieldAsync(form, request.Values, cancellationToken) is { } ofContract && scope.CanSeeCustomer(ofContract))
        {
            return ofContract;
        }

        return scope.CustomerIds.Count == 1 ? scope.CustomerIds.Single() : Error.Of(RequestsErrors.CustomerRequired, "CustomerId");
    }
}
