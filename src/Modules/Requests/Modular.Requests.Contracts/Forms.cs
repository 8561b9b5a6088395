using Modular.Core.Access;
using Modular.Core.Messaging;

namespace Modular.Requests.Contracts;

/// <summary>The kinds of field a form of the catalogue may have.</summary>
public enum FieldKind
{
    Text,
    Number,
    Date,
    Choice,
    Contract,
    Meter,
    Invoice,
    Address,
    Attachment,
}

/// <summary>A text in the portal's languages, keyed by culture (<c>ro</c>, <c>en</c>, <c>lv</c>).</summary>
public sealed record FormChoiceView(string Code, IReadOnlyDictionary<string, string> Label);

/// <summary>One field of a form as the catalogue defines it.</summary>
public sealed record FormFieldView(
    string Code,
    FieldKind Kind,
    IReadOnlyDictionary<string, string> Label,
    IReadOnlyDictionary<string, string> Help,
    bool Required,
    int? MaxLength,
    decimal? Min,
    decimal? Max,
    IReadOnlyList<FormChoiceView> Choices);

/// <summary>
/// One form of the catalogue: code, titles and help per culture, the department it goes to, its fields, and the time to
/// resolve (working days or working hours in the utility's calendar).
/// </summary>
public sealed record FormView(
    string Code,
    IReadOnlyDictionary<string, string> Title,
    IReadOnlyDictionary<string, string> Help,
    string Department,
    IReadOnlyList<FormFieldView> Fields,
    int? ResolveWorkingDays,
    int? ResolveWorkingHours);

/// <summary>The forms the caller may use (a customer the customer forms, a kiosk session the kiosk forms, staff the staff forms).</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = RequestsPermissions.Read)]
public sealed record GetRequestForms : IQuery<IReadOnlyList<FormView>>;

/// <summary>One form the caller may use (<c>requests.form_not_found</c> otherwise).</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = RequestsPermissions.Read)]
public sealed record GetRequestForm(string FormCode) : IQuery<FormView>;
