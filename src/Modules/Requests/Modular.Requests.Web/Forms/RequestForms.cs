using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Modular.Requests.Contracts;
using Modular.Web.Localization;

namespace Modular.Requests.Web.Forms;

/// <summary>What a form page offers in its contract, meter and invoice fields (the customer's own), by id.</summary>
public sealed record SubjectChoices(
    IReadOnlyList<(Guid Id, string Label)> Contracts,
    IReadOnlyList<(Guid Id, string Label)> Meters,
    IReadOnlyList<(Guid Id, string Label)> Invoices)
{
    public static SubjectChoices None { get; } = new([], [], []);
}

/// <summary>A catalogue form rendered from its field definitions, with the values typed so far and the form's key.</summary>
public sealed record RequestFormView(FormView Form, SubjectChoices Choices, IReadOnlyDictionary<string, string?> Values, string IdempotencyKey, string Action);

/// <summary>Reading a rendered form back (values <c>f.{code}</c>, files <c>file.{code}</c>) and texts in the page's language.</summary>
public static class RequestForms
{
    public const string ValuePrefix = "f.";
    public const string FilePrefix = "file.";

    /// <summary>The text of <paramref name="texts"/> in the page's language (Romanian, then any, when it lacks one).</summary>
    public static string Pick(IReadOnlyDictionary<string, string> texts) =>
        texts.TryGetValue(PortalText.Culture, out var text) || texts.TryGetValue("ro", out text) ? text : texts.Values.FirstOrDefault() ?? string.Empty;

    /// <summary>The model-state key of a field, so an error from <see cref="Core.Results.Error.Field"/> lands next to it.</summary>
    public static string Key(string fieldCode) => ValuePrefix + fieldCode;

    public static Dictionary<string, string?> Values(IFormCollection form, FormView definition) =>
        definition.Fields.Where(f => f.Kind != FieldKind.Attachment)
            .ToDictionary(f => f.Code, f => form.TryGetValue(ValuePrefix + f.Code, out var v) ? (string?)v.ToString() : null);

    /// <summary>The files of the attachment fields (empty file inputs are left out); at most what the module allows is checked there.</summary>
    public static async Task<List<AttachmentUpload>> FilesAsync(IFormCollection form, FormView? definition, CancellationToken cancellationToken)
    {
        var uploads = new List<AttachmentUpload>();
        foreach (var file in form.Files.Where(f => f.Length > 0))
        {
            var code = file.Name.StartsWith(FilePrefix, StringComparison.Ordinal) ? file.Name[FilePrefix.Length..] : null;
            if (definition is not null && code is null)
            {
                continue;
            }

            uploads.Add(new AttachmentUpload(file.FileName, await ReadAsync(file, cancellationToken), definition is null ? null : code));
        }

        return uploads;
    }

    /// <summary>Reads at most a little more than the module's largest allowed file, so a huge upload is refused without filling memory.</summary>
    private static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        const long cap = 101L * 1024 * 1024;
        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0 && buffer.Length <= cap)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>An attachment handed over as a download, never shown inline nor sniffed by the browser.</summary>
    public static IActionResult Download(HttpResponse response, AttachmentContent file)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        return new FileContentResult(file.Content, file.ContentType) { FileDownloadName = file.FileName };
    }

    public static string StatusKey(RequestStatus status) => "requests.status." + status switch
    {
        RequestStatus.Submitted => "submitted",
        RequestStatus.Assigned => "assigned",
        RequestStatus.InProgress => "in_progress",
        RequestStatus.WaitingForCustomer => "waiting_for_customer",
        RequestStatus.Resolved => "resolved",
        _ => "rejected",
    };

    public static string Size(long bytes) => bytes < 1024 * 1024
        ? Formats.Quantity(Math.Max(1, bytes / 1024m), 0) + " kB"
        : Formats.Quantity(bytes / 1048576m, 1) + " MB";
}
