using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Modular.Core.Localization;
using Modular.Core.Results;
using Modular.Requests.Contracts;
using Modular.Web.Api;
using Modular.Web.Security;

namespace Modular.Requests.Web.Api;

/// <summary>The token owner's requests on <c>/api/v1/requests</c>: the forms, the list, one request, submitting and replying.</summary>
internal static class RequestsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var read = api.MapGroup("/requests").RequireAuthorization(ApiPolicies.Read);
        read.MapGet(string.Empty, (IMediator m, ITextCatalog t, CancellationToken ct) => ApiProblems.SendAsync(m, t, new GetMyRequests(), ct))
            .WithName("GetRequests").WithSummary("Your requests, newest first, with status and due time.").Produces<IReadOnlyList<RequestSummary>>();
        read.MapGet("/forms", (IMediator m, ITextCatalog t, CancellationToken ct) => ApiProblems.SendAsync(m, t, new GetRequestForms(), ct))
            .WithName("GetRequestForms").WithSummary("The forms of the catalogue you may use, with their fields.").Produces<IReadOnlyList<FormView>>();
        read.MapGet("/{id:guid}", (IMediator m, ITextCatalog t, Guid id, CancellationToken ct) => ApiProblems.SendAsync(m, t, new GetRequest(id), ct))
            .WithName("GetRequest").WithSummary("One request with its values, thread, files and history.").Produces<RequestDetails>().ProducesProblem(404);
        read.MapGet("/{id:guid}/attachments/{attachmentId:guid}", DownloadAsync)
            .WithName("GetRequestAttachment").WithSummary("A file of a request, as a download.").ProducesProblem(404);

        var write = api.MapGroup("/requests").RequireAuthorization(ApiPolicies.For(RequestsWebModule.SubmitRequestsScope));
        write.MapPost(string.Empty, SubmitAsync)
            .WithName("SubmitRequest")
            .WithSummary("Submits a form of the catalogue (values by field code, files base64). The same idempotencyKey again answers the first request.")
            .Produces<SubmittedRequest>().ProducesProblem(422);
        write.MapPost("/{id:guid}/messages", ReplyAsync)
            .WithName("ReplyToRequest").WithSummary("Your message on an open request (a request waiting for you goes back to in progress).")
            .Produces<ApiMessagePosted>().ProducesProblem(422).ProducesProblem(404);
    }

    private static async Task<IResult> DownloadAsync(IMediator mediator, ITextCatalog texts, HttpResponse response, Guid id, Guid attachmentId, CancellationToken ct)
    {
        var file = await mediator.Send(new GetRequestAttachment(id, attachmentId), ct);
        if (file.IsFailure)
        {
            return ApiProblems.From(file, texts);
        }

        response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(file.Value.Content, file.Value.ContentType, file.Value.FileName);
    }

    private static async Task<IResult> SubmitAsync(IMediator mediator, ITextCatalog texts, ApiRequestSubmission body, CancellationToken ct)
    {
        if (!TryFiles(body.Attachments, out var files))
        {
            return ApiProblems.From(Result.Failure(RequestsWebErrors.AttachmentNotBase64, "Attachments"), texts);
        }

        var result = await mediator.Send(new SubmitRequest(body.FormCode ?? string.Empty, body.Values ?? new Dictionary<string, string?>(), files,
            body.IdempotencyKey ?? string.Empty, body.CustomerId), ct);
        return result.IsSuccess ? Results.Ok(result.Value) : ApiProblems.From(result, texts);
    }

    private static async Task<IResult> ReplyAsync(IMediator mediator, ITextCatalog texts, Guid id, ApiReply body, CancellationToken ct)
    {
        if (!TryFiles(body.Attachments, out var files))
        {
            return ApiProblems.From(Result.Failure(RequestsWebErrors.AttachmentNotBase64, "Attachments"), texts);
        }

        var result = await mediator.Send(new ReplyToRequest(id, body.Body ?? string.Empty, files, body.IdempotencyKey), ct);
        return result.IsSuccess ? Results.Ok(new ApiMessagePosted(result.Value)) : ApiProblems.From(result, texts);
    }

    private static bool TryFiles(IReadOnlyList<ApiAttachment>? attachments, out List<AttachmentUpload> files)
    {
        files = [];
        foreach (var a in attachments ?? [])
        {
            var buffer = new byte[((a.ContentBase64?.Length ?? 0) * 3 / 4) + 3];
            if (!Convert.TryFromBase64String(a.ContentBase64 ?? string.Empty, buffer, out var written))
            {
                return false;
            }

            files.Add(new AttachmentUpload(a.FileName ?? string.Empty, buffer[..written], a.FieldCode));
        }

        return true;
    }
}

/// <summary>A file sent through the API: its name, its bytes in base64, and the form's attachment field it answers.</summary>
public sealed record ApiAttachment(string? FileName, string? ContentBase64, string? FieldCode = null);

/// <summary>A form to submit: its code, the values by field code, files, the key that makes a repeat answer the first request, and (for a user with several customers) the customer.</summary>
public sealed record ApiRequestSubmission(string? FormCode, Dictionary<string, string?>? Values, IReadOnlyList<ApiAttachment>? Attachments,
    string? IdempotencyKey, Guid? CustomerId = null);

public sealed record ApiReply(string? Body, IReadOnlyList<ApiAttachment>? Attachments, string? IdempotencyKey = null);

public sealed record ApiMessagePosted(Guid MessageId);

/// <summary>Errors of the UI package itself (texts in its texts/).</summary>
internal static class RequestsWebErrors
{
    public const string AttachmentNotBase64 = "requests.attachment_not_base64";
}
