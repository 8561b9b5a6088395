using System.Text.RegularExpressions;
using Modular.Core.Results;
using Modular.Requests.Contracts;
using Modular.Requests.Persistence;
using NodaTime;

namespace Modular.Requests.Acts;

/// <summary>
/// The rules of an act's content, the same for staff entry (its validator) and the import (per row): each broken rule is an
/// error on the field it concerns (<c>Number</c>, <c>ContractNumber</c>, <c>Type</c>, <c>RegisteredOn</c>, <c>Inspector</c>,
/// <c>Findings</c>, <c>Readings[i].Serial|Index|Date</c>, <c>Document</c>).
/// </summary>
internal static partial class ActRules
{
    public const int MaxReadings = 10;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9/._-]{0,39}$")]
    private static partial Regex NumberPattern();

    public static List<Error> Check(RegisterAct act, LocalDate today, int maxDocumentBytes)
    {
        var errors = new List<Error>();
        var number = (act.Number ?? string.Empty).Trim();
        if (number.Length == 0)
        {
            errors.Add(Error.Of(RequestsErrors.ActNumberRequired, nameof(RegisterAct.Number)));
        }
        else if (!NumberPattern().IsMatch(number))
        {
            errors.Add(Error.Of(RequestsErrors.ActNumberInvalid, nameof(RegisterAct.Number)));
        }

        if (string.IsNullOrWhiteSpace(act.ContractNumber))
        {
            errors.Add(Error.Of(RequestsErrors.ActContractRequired, nameof(RegisterAct.ContractNumber)));
        }

        if (!Enum.IsDefined(act.Type))
        {
            errors.Add(Error.Of(RequestsErrors.ActTypeInvalid, nameof(RegisterAct.Type)));
        }

        if (act.RegisteredOn > today)
        {
            errors.Add(Error.Of(RequestsErrors.ActDateInFuture, nameof(RegisterAct.RegisteredOn)));
        }

        var inspector = (act.Inspector ?? string.Empty).Trim();
        if (inspector.Length == 0)
        {
            errors.Add(Error.Of(RequestsErrors.ActInspectorRequired, nameof(RegisterAct.Inspector)));
        }
        else if (inspector.Length > RequestsDbContext.ActInspectorLength)
        {
            errors.Add(Error.Of(RequestsErrors.ActInspectorTooLong, nameof(RegisterAct.Inspector)));
        }

        var findings = (act.Findings ?? string.Empty).Trim();
        if (findings.Length == 0)
        {
            errors.Add(Error.Of(RequestsErrors.ActFindingsRequired, nameof(RegisterAct.Findings)));
        }
        else if (findings.Length > RequestsDbContext.ActFindingsLength)
        {
            errors.Add(Error.Of(RequestsErrors.ActFindingsTooLong, nameof(RegisterAct.Findings)));
        }

        var readings = act.Readings ?? [];
        if (readings.Count > MaxReadings)
        {
            errors.Add(Error.Of(RequestsErrors.ActTooManyReadings, nameof(RegisterAct.Readings), ("max", MaxReadings)));
        }

        for (var i = 0; i < readings.Count && i < MaxReadings; i++)
        {
            var reading = readings[i];
            if (string.IsNullOrWhiteSpace(reading.Serial) || reading.Serial.Trim().Length > 50)
            {
                errors.Add(Error.Of(RequestsErrors.ActReadingSerialRequired, $"Readings[{i}].Serial"));
            }

            if (reading.Index < 0 || reading.Index > 999_999_999m)
            {
                errors.Add(Error.Of(RequestsErrors.ActReadingIndexInvalid, $"Readings[{i}].Index"));
            }

            if (reading.Date > act.RegisteredOn || reading.Date > today)
            {
                errors.Add(Error.Of(RequestsErrors.ActReadingDateInvalid, $"Readings[{i}].Date"));
            }
        }

        if (act.Document is { } document && ActDocumentCheck.Check(document.Content ?? [], maxDocumentBytes) is { } documentError)
        {
            errors.Add(documentError);
        }

        return errors;
    }

    /// <summary>The act as it is stored: trimmed text, readings' serials trimmed.</summary>
    public static RegisterAct Normalized(RegisterAct act) => act with
    {
        Number = act.Number.Trim(),
        ContractNumber = act.ContractNumber.Trim(),
        Inspector = act.Inspector.Trim(),
        Findings = act.Findings.Trim().ReplaceLineEndings("\n"),
        Readings = (act.Readings ?? []).Select(r => r with { Serial = r.Serial.Trim() }).ToList(),
    };
}
