using System.ComponentModel.DataAnnotations;

namespace Modular.Requests;

/// <summary><c>Modular:Requests</c>: the form catalogue, numbering, the workflow's windows, attachments and the utility's working calendar.</summary>
public sealed class RequestsOptions
{
    /// <summary>The prefix of request numbers (<c>CR</c> gives <c>CR-2026-000123</c>).</summary>
    [Required]
    [RegularExpression("^[A-Z]{1,8}$")]
    public string NumberPrefix { get; set; } = "CR";

    /// <summary>The largest signed act (PDF) accepted, in bytes (10 MB by default).</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public int ActDocumentMaxBytes { get; set; } = 10 * 1024 * 1024;
}
