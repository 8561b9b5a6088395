using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Requests.Contracts;

namespace Modular.Requests.Catalogue;

/// <summary>Who may use a form.</summary>
[Flags]
internal enum FormUsers
{
    None = 0,
    Customer = 1,
    Kiosk = 2,
    Staff = 4,
}

/// <summary>A form as the catalogue file states it (JSON, camelCase; see docs/modules/requests.md).</summary>
internal sealed class FormDefinition
{
    public string Code { get; set; } = string.Empty;

    public Dictionary<string, string> Title { get; set; } = [];

    public Dictionary<string, string> Help { get; set; } = [];

    public string Department { get; set; } = string.Empty;

    /// <summary><c>customer</c>, <c>kiosk</c>, <c>staff</c>.</summary>
    public List<string> Users { get; set; } = [];

    public ResolveTime? TimeToResolve { get; set; }

    /// <summary>Accepted only for an invoice issued within <see cref="RequestsOptions.ContestPeriodDays"/> (a reading dispute).</summary>
    public bool WithinContestPeriod { get; set; }

    public List<FieldDefinition> Fields { get; set; } = [];

    [JsonIgnore]
    public FormUsers AllowedUsers { get; set; }
}

internal sealed class ResolveTime
{
    public int? WorkingDays { get; set; }

    public int? WorkingHours { get; set; }
}

internal sealed class FieldDefinition
{
    public string Code { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public Dictionary<string, string> Label { get; set; } = [];

    public Dictionary<string, string> Help { get; set; } = [];

    public bool Required { get; set; }

    public int? MaxLength { get; set; }

    public decimal? Min { get; set; }

    public decimal? Max { get; set; }

    public List<ChoiceDefinition> Choices { get; set; } = [];

    [JsonIgnore]
    public FieldKind FieldKind { get; set; }
}

internal sealed class ChoiceDefinition
{
    public string Code { get; set; } = string.Empty;

    public Dictionary<string, string> Label { get; set; } = [];
}

internal sealed class CatalogueFile
{
    public List<FormDefinition> Forms { get; set; } = [];
}

/// <summary>
/// The utility's form catalogue: the file <see cref="RequestsOptions.CatalogueFile"/> (relative to the data folder), else
/// the starter catalogue shipped in the package. Loaded and checked once; every mistake is named at start-up.
/// </summary>
internal sealed class FormCatalogue
{
    public const string StarterResource = "catalogue/starter-catalogue.json";

    public static readonly string[] Cultures = ["ro", "en", "lv"];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private FormCatalogue(IReadOnlyList<FormDefinition> forms) => Forms = forms;

    public IReadOnlyList<FormDefinition> Forms { get; }

    public FormDefinition? Find(string? code) => Forms.FirstOrDefault(f => string.Equals(f.Code, code, StringComparison.Ordinal));

    public static FormCatalogue From(IOptions<RequestsOptions> options, DataFolder data)
    {
        var (catalogue, errors) = Load(options.Value, data);
        return errors.Count == 0 ? catalogue! : throw new InvalidOperationException(string.Join(" ", errors));
    }

    /// <summary>Reads and checks the catalogue; answers it, or the mistakes (each naming the form and field).</summary>
    public static (FormCatalogue? Catalogue, IReadOnlyList<string> Errors) Load(RequestsOptions options, DataFolder data)
    {
        string source;
        string text;
        if (string.IsNullOrWhiteSpace(options.CatalogueFile))
        {
            source = "the starter catalogue";
            using var stream = typeof(FormCatalogue).Assembly.GetManifestResourceStream(StarterResource)
                ?? throw new InvalidOperationException("The starter catalogue is missing from the package.");
            using var reader = new StreamReader(stream);
            text = reader.ReadToEnd();
        }
        else
        {
            var path = data.Combine(options.CatalogueFile);
            source = $"CatalogueFile '{path}'";
            if (!File.Exists(path))
            {
                return (null, [$"{source} does not exist."]);
            }

            text = File.ReadAllText(path);
        }

        CatalogueFile? file;
        try
        {
            file = JsonSerializer.Deserialize<CatalogueFile>(text, Json);
        }
        catch (JsonException ex)
        {
            return (null, [$"{source} is not a valid catalogue: {ex.Message}"]);
        }

        var errors = new List<string>();
        var forms = file?.Forms ?? [];
        if (forms.Count == 0)
        {
            errors.Add($"{source} has no forms.");
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < forms.Count; i++)
        {
            Check(forms[i], $"{source}: form {i + 1} ('{forms[i].Code}')", codes, errors);
        }

        return errors.Count == 0 ? (new FormCatalogue(forms), []) : (null, errors);
    }

    private static void Check(FormDefinition form, string at, HashSet<string> codes, List<string> errors)
    {
        if (!IsCode(form.Code))
        {
            errors.Add($"{at}: the code must be 1–64 lowercase letters, digits or '-'.");
        }
        else if (!codes.Add(form.Code))
        {
            errors.Add($"{at}: the code is used by another form.");
        }

        Texts(form.Title, $"{at}: title", errors, required: true);
        Texts(form.Help, $"{at}: help", errors, required: false);
        if (!IsCode(form.Department))
        {
            errors.Add($"{at}: the department must be 1–64 lowercase letters, digits or '-'.");
        }

        form.AllowedUsers = FormUsers.None;
        foreach (var user in form.Users)
        {
            form.AllowedUsers |= user switch
            {
                "customer" => FormUsers.Customer,
                "kiosk" => FormUsers.Kiosk,
                "staff" => FormUsers.Staff,
                _ => Unknown(errors, $"{at}: user '{user}' is not customer, kiosk or staff."),
            };
        }

        if (form.AllowedUsers == FormUsers.None)
        {
            errors.Add($"{at}: say who may use it (users: customer, kiosk, staff).");
        }

        if (form.TimeToResolve is not { } time || (time.WorkingDays is null) == (time.WorkingHours is null))
        {
            errors.Add($"{at}: timeToResolve needs workingDays or workingHours (one of them).");
        }
        else if (time.WorkingDays is < 1 or > 365 || time.WorkingHours is < 1 or > 2000)
        {
            errors.Add($"{at}: timeToResolve is out of range (1–365 working days, 1–2000 working hours).");
        }

        var fieldCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < form.Fields.Count; i++)
        {
            var field = form.Fields[i];
            var fieldAt = $"{at}, field {i + 1} ('{field.Code}')";
            if (!IsCode(field.Code))
            {
                errors.Add($"{fieldAt}: the code must be 1–64 lowercase letters, digits or '-'.");
            }
            else if (!fieldCodes.Add(field.Code))
            {
                errors.Add($"{fieldAt}: the code is used by another field of the form.");
            }

            CheckField(field, fieldAt, errors);
        }

        foreach (var kind in new[] { FieldKind.Contract, FieldKind.Meter, FieldKind.Invoice })
        {
            if (form.Fields.Count(f => f.FieldKind == kind) > 1)
            {
                errors.Add($"{at}: at most one {kind.ToString().ToLowerInvariant()} field.");
            }
        }

        if (form.WithinContestPeriod && form.Fields.All(f => f.FieldKind != FieldKind.Invoice || !f.Required))
        {
            errors.Add($"{at}: withinContestPeriod needs a required invoice field.");
        }
    }

    private static void CheckField(FieldDefinition field, string at, List<string> errors)
    {
        if (!Enum.TryParse<FieldKind>(field.Kind, ignoreCase: true, out var kind) || !field.Kind.All(char.IsLetter))
        {
            errors.Add($"{at}: kind '{field.Kind}' is not one of text, number, date, choice, contract, meter, invoice, address, attachment.");
            return;
        }

        field.FieldKind = kind;
        Texts(field.Label, $"{at}: label", errors, required: true);
        Texts(field.Help, $"{at}: help", errors, required: false);
        if (field.MaxLength is { } max && (kind is not (FieldKind.Text or FieldKind.Address) || max is < 1 or > RequestsLimits.TextLength))
        {
            errors.Add($"{at}: maxLength applies to text and address fields, 1–{RequestsLimits.TextLength}.");
        }

        if ((field.Min is not null || field.Max is not null) && kind != FieldKind.Number)
        {
            errors.Add($"{at}: min and max apply to number fields.");
        }

        if (field.Min is { } min && field.Max is { } top && min > top)
        {
            errors.Add($"{at}: min is greater than max.");
        }

        if (kind == FieldKind.Choice)
        {
            if (field.Choices.Count == 0)
            {
                errors.Add($"{at}: a choice field needs choices.");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var choice in field.Choices)
            {
                if (!IsCode(choice.Code) || !seen.Add(choice.Code))
                {
                    errors.Add($"{at}: choice '{choice.Code}' needs a unique code (lowercase letters, digits or '-').");
                }

                Texts(choice.Label, $"{at}, choice '{choice.Code}'", errors, required: true);
            }
        }
        else if (field.Choices.Count > 0)
        {
            errors.Add($"{at}: only choice fields have choices.");
        }
    }

    private static void Texts(Dictionary<string, string> texts, string at, List<string> errors, bool required)
    {
        if (!required && texts.Count == 0)
        {
            return;
        }

        foreach (var culture in Cultures.Where(c => !texts.TryGetValue(c, out var t) || string.IsNullOrWhiteSpace(t)))
        {
            errors.Add($"{at} has no '{culture}' text.");
        }

        foreach (var culture in texts.Keys.Where(k => !Cultures.Contains(k)))
        {
            errors.Add($"{at}: '{culture}' is not one of ro, en, lv.");
        }
    }

    private static FormUsers Unknown(List<string> errors, string message)
    {
        errors.Add(message);
        return FormUsers.None;
    }

    private static bool IsCode(string? code) =>
        code is { Length: > 0 and <= 64 } && code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>Customers use customer forms (kiosk forms at a kiosk), staff staff forms; the system every form.</summary>
    public static bool MayUse(FormDefinition form, ICurrentUser caller) => caller.Kind switch
    {
        CallerKind.System => true,
        CallerKind.Staff => form.AllowedUsers.HasFlag(FormUsers.Staff),
        CallerKind.KioskSession => form.AllowedUsers.HasFlag(FormUsers.Kiosk),
        _ => form.AllowedUsers.HasFlag(caller.Channel == Channel.Kiosk ? FormUsers.Kiosk : FormUsers.Customer),
    };

    public static FormView View(FormDefinition form) => new(
        form.Code, form.Title, form.Help, form.Department,
        form.Fields.Select(f => new FormFieldView(f.Code, f.FieldKind, f.Label, f.Help, f.Required, f.MaxLength, f.Min, f.Max,
            f.Choices.Select(c => new FormChoiceView(c.Code, c.Label)).ToList())).ToList(),
        form.TimeToResolve?.WorkingDays, form.TimeToResolve?.WorkingHours);

    internal static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Fixed limits of the module's texts.</summary>
internal static class RequestsLimits
{
    public const int TextLength = 4000;

    public const int DefaultTextLength = 2000;

    public const int DefaultAddressLength = 300;
}

/// <summary>Stops the host at start-up when the catalogue has mistakes, naming each.</summary>
internal sealed class CatalogueValidator(DataFolder data) : IValidateOptions<RequestsOptions>
{
    public ValidateOptionsResult Validate(string? name, RequestsOptions options)
    {
        var (_, errors) = FormCatalogue.Load(options, data);
        return errors.Count == 0 ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(e => "Modular:Requests: " + e));
    }
}
