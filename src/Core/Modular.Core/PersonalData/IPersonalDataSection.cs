namespace Modular.Core.PersonalData;

/// <summary>
/// Extension port: a module's part of a portal user's "download my data" archive. A module implements it inside its
/// implementation and registers it with <see cref="Composition.ModuleServices.AddPersonalDataSection{TSection}"/>; the
/// archive holds the sections of the modules the building host composes, so a new module adds its files without
/// touching the others. A section reads only its own module's data and writes it under its own folder.
/// </summary>
public interface IPersonalDataSection
{
    /// <summary>The section's folder in the archive (lower-case letters, digits and dashes), e.g. <c>readings</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Writes the section's files. Runs as the system caller, in its own scope, while the archive is built; it streams
    /// rows (a customer's whole history never sits in one string). An exception abandons the whole archive, which is then
    /// built again from the start, so a section must not change anything.
    /// </summary>
    Task WriteAsync(PersonalDataSubject subject, PersonalDataWriter writer, CancellationToken cancellationToken);
}

/// <summary>Whose data: the portal user, the customers linked to them when the archive is built, and those customers' contracts.</summary>
public sealed record PersonalDataSubject(Guid UserId, IReadOnlyList<Guid> CustomerIds, IReadOnlyList<Guid> ContractIds);

/// <summary>
/// Port: which customers a portal user represents, answered by the module that owns portal users (Accounts). Null when
/// the user does not exist or closed their account, so no archive is built for them.
/// </summary>
public interface IPersonalDataSubjects
{
    Task<PersonalDataSubject?> FindAsync(Guid userId, CancellationToken cancellationToken);
}

/// <summary>
/// Extension port: erases what a module or the web shell holds about a portal user who closes their account, inside the
/// closing command's transaction (so the account never ends up closed with, say, a working API token). Registered with
/// <see cref="Composition.ModuleServices.AddUserDataEraser{TEraser}"/>. Modules that are not composed in the host
/// closing the account erase on the owning module's event instead.
/// </summary>
public interface IUserDataEraser
{
    /// <summary>Erases the user's data; answers a short note for the log (e.g. "2 tokens revoked").</summary>
    Task<string> EraseUserAsync(Guid userId, CancellationToken cancellationToken);
}
