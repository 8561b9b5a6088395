namespace Modular.Notifications.Dispatch;

/// <summary>
/// Something to tell a customer's users: the one shape every producer in the module hands to <see cref="INotificationQueue"/>
/// (event consumers, reminder jobs, outages, leak warnings, answers to inbound SMS).
/// </summary>
/// <param name="Type">A code of <see cref="Contracts.NotificationTypes"/>: decides the preferences and defaults that apply.</param>
/// <param name="CustomerId">The customer whose confirmed portal users are told (Accounts' <c>GetCustomerContacts</c>).</param>
/// <param name="SubjectKey">
/// What it is about within its type, stable for the same thing (e.g. <c>invoice:{id}</c>, <c>outage:{id}:update:3</c>,
/// <c>window:{contractId}:2026-03</c>); at most one message per user, type, subject and channel is ever queued, so a
/// repeated intent (a redelivered event, a job run twice, two instances racing) queues nothing more. At most 200 characters.
/// </param>
/// <param name="Template">
/// The module's template set <c>templates/{culture}/{Template}.subject|.html|.txt|.sms.scriban</c>; the email uses
/// subject, html and optional txt, the SMS <c>.sms</c>. Its model is <paramref name="Model"/> plus <c>about</c> (see below),
/// <c>type</c> and, on email, <c>unsubscribe_url</c> and <c>portal_url</c>.
/// </param>
/// <param name="Model">
/// The template's values: strings, numbers, booleans, <c>LocalDate</c>, <c>Instant</c>, <c>Money</c> (stored as JSON
/// with the message, so they must be of these kinds).
/// </param>
/// <param name="ContractId">The contract (account and address) it is about; the queue adds its client code, contract number and service address as <c>about</c>.</param>
/// <param name="UserIds">Only these users (of the customer's), e.g. the sender of an inbound SMS; null: every confirmed user of the customer.</param>
/// <param name="Attachment">What the email carries, resolved when it is sent: <c>invoice-pdf:{invoiceId}</c>.</param>
/// <param name="Channels">Only these channels (e.g. an SMS answer); null: every channel the preferences allow.</param>
internal sealed record NotificationIntent(
    string Type,
    Guid CustomerId,
    string SubjectKey,
    string Template,
    IReadOnlyDictionary<string, object?> Model,
    Guid? ContractId = null,
    IReadOnlyList<Guid>? UserIds = null,
    string? Attachment = null,
    IReadOnlyList<Contracts.NotificationChannel>? Channels = null);

/// <summary>
/// The port producers send through (stable: the outages, leak and two-way SMS half build on it). It resolves the
/// customer's users, their language, email and verified phone, applies each user's preferences over the utility's defaults
/// (mandatory types always), skips paused channels, computes when an SMS may go out (quiet hours in the utility's zone), and
/// writes one pending message per user and channel in the caller's transaction – on the caller's
/// <see cref="Persistence.NotificationsDbContext"/>, so a consumer's inbox row and its messages commit together. A
/// message whose (user, type, subject, channel) is already queued is left as it is. The dispatcher sends them after commit.
/// </summary>
internal interface INotificationQueue
{
    /// <summary>Queues one intent; answers how many messages were new.</summary>
    Task<int> EnqueueAsync(NotificationIntent intent, CancellationToken cancellationToken);

    /// <summary>Queues many intents at once (reminder fan-outs): recipients and preferences are read per batch, rows written in bulk.</summary>
    Task<int> EnqueueManyAsync(IReadOnlyList<NotificationIntent> intents, CancellationToken cancellationToken);
}
