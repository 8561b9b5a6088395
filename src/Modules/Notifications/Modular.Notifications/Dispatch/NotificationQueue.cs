using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Accounts.Contracts;
using Modular.Core.Persistence;
using Modular.Core.Time;
using Modular.Notifications.Contracts;
using Modular.Notifications.Domain;
using Modular.Notifications.Persistence;
using NodaTime;

namespace Modular.Notifications.Dispatch;

/// <summary>The shipped <see cref="INotificationQueue"/>: see the interface.</summary>
internal sealed class NotificationQueue(NotificationsDbContext db, IMediator mediator, UtilityClock clock, IOptions<NotificationsOptions> options)
    : INotificationQueue
{
    /// <summary>Customers asked of Accounts at once.</summary>
    private const int CustomerChunk = 5_000;

    public Task<int> EnqueueAsync(NotificationIntent intent, CancellationToken cancellationToken) => EnqueueManyAsync([intent], cancellationToken);

    public async Task<int> EnqueueManyAsync(IReadOnlyList<NotificationIntent> intents, CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var chunk in intents.Chunk(CustomerChunk))
        {
            written += await EnqueueChunkAsync(chunk, cancellationToken);
        }

        return written;
    }

    private async Task<int> EnqueueChunkAsync(IReadOnlyList<NotificationIntent> intents, CancellationToken cancellationToken)
    {
        foreach (var intent in intents)
        {
            if (!TypeCatalogue.All.Contains(intent.Type))
            {
                throw new ArgumentException($"Unknown notification type '{intent.Type}'.", nameof(intents));
            }

            if (intent.SubjectKey.Length is 0 or > NotificationsDbContext.SubjectLength)
            {
                throw new ArgumentException($"A subject key has 1 to {NotificationsDbContext.SubjectLength} characters: '{intent.SubjectKey}'.", nameof(intents));
            }
        }

        var contacts = await ContactsAsync(intents.Select(i => i.CustomerId).Distinct().ToList(), cancellationToken);
        var userIds = contacts.Values.SelectMany(c => c).Select(c => c.UserId).Distinct().ToList();
        if (userIds.Count == 0)
        {
            return 0;
        }

        var settings = await RecipientSettings.LoadAsync(db, userIds, cancellationToken);
        var about = await AboutAsync(intents, cancellationToken);
        var now = clock.Now;
        var quiet = Quiet(options.Value);
        var smsNotBefore = quiet.NotBefore(now, clock.Zone);
        var rows = new List<NotificationMessage>();
        foreach (var intent in intents)
        {
            var typeOptions = options.Value.For(intent.Type);
            var model = new Dictionary<string, object?>(intent.Model, StringComparer.Ordinal);
            if (!model.ContainsKey("about") && about.TryGetValue(intent, out var text))
            {
                model["about"] = text;
            }

            var json = ModelJson.Write(model);
            foreach (var contact in contacts.GetValueOrDefault(intent.CustomerId, []))
            {
                if (intent.UserIds is { } only && !only.Contains(contact.UserId))
                {
                    continue;
                }

                foreach (var channel in intent.Channels ?? [NotificationChannel.Email, NotificationChannel.Sms])
                {
                    if (!settings.Wants(contact.UserId, intent.Type, channel, typeOptions) || settings.Paused(contact.UserId, channel))
                    {
                        continue;
                    }

                    var address = channel == NotificationChannel.Email ? contact.Email : settings.VerifiedPhone(contact.UserId);
                    if (address is null)
                    {
                        continue;
                    }

                    rows.Add(new NotificationMessage
                    {
                        Id = Guid.CreateVersion7(),
                        UserId = contact.UserId,
                        CustomerId = intent.CustomerId,
                        ContractId = intent.ContractId,
                        Type = intent.Type,
                        SubjectKey = intent.SubjectKey,
                        Channel = channel,
                        Address = address,
                        Culture = contact.Culture,
                        Template = intent.Template,
                        Model = json,
                        Attachment = channel == NotificationChannel.Email ? intent.Attachment : null,
                        Status = NotificationStatus.Pending,
                        CreatedAt = now,
                        NotBefore = channel == NotificationChannel.Sms ? smsNotBefore : now,
                    });
                }
            }
        }

        // One row per user, type, subject and channel: a key already queued (a redelivery, a second worker) is left out.
        return await BulkWriter.WriteAsync(db, rows, cancellationToken, skipConflicts: true);
    }

    public static QuietHours Quiet(NotificationsOptions options) => new(
        NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(options.QuietHoursStart).Value,
        NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(options.QuietHoursEnd).Value);

    private async Task<Dictionary<Guid, List<CustomerContactOf>>> ContactsAsync(IReadOnlyList<Guid> customerIds, CancellationToken cancellationToken)
    {
        var found = await mediator.Send(new GetContactsOfCustomers(customerIds), cancellationToken);
        if (found.IsFailure)
        {
            // Thrown, so an event's delivery (or a job's run) is retried rather than losing its messages.
            throw new InvalidOperationException($"Contacts of {customerIds.Count} customer(s) unavailable: {found.Error}");
        }

        return found.Value.GroupBy(c => c.CustomerId).ToDictionary(g => g.Key, g => g.ToList());
    }

    /// <summary>"Client code · contract number · address" of each intent that names a contract and brought no <c>about</c> of its own.</summary>
    private async Task<Dictionary<NotificationIntent, string>> AboutAsync(IReadOnlyList<NotificationIntent> intents, CancellationToken cancellationToken)
    {
        var about = new Dictionary<NotificationIntent, string>(ReferenceEqualityComparer.Instance);
        var contracts = new Dictionary<Guid, string?>();
        var customers = intents.Where(i => !i.Model.ContainsKey("about") && i.ContractId is null).Select(i => i.CustomerId).Distinct().ToList();
        var parties = new Dictionary<Guid, string>();
        if (customers.Count > 0)
        {
            var found = await mediator.Send(new GetCustomerParties(customers), cancellationToken);
            if (found.IsSuccess)
            {
                foreach (var party in found.Value)
                {
                    parties[party.CustomerId] = $"{party.ClientCode} · {party.Name}";
                }
            }
        }

        foreach (var intent in intents.Where(i => !i.Model.ContainsKey("about")))
        {
            if (intent.ContractId is { } contractId)
            {
                if (!contracts.TryGetValue(contractId, out var text))
                {
                    var contract = await mediator.Send(new GetContract(contractId), cancellationToken);
                    text = contract.IsSuccess ? About(contract.Value) : null;
                    contracts[contractId] = text;
                }

                if (text is not null)
                {
                    about[intent] = text;
                }
            }
            else if (parties.TryGetValue(intent.CustomerId, out var party))
            {
                about[intent] = party;
            }
        }

        return about;
    }

    /// <summary>How every message names the account and place it is about.</summary>
    public static string About(ContractSummary contract) => $"{contract.ClientCode} · {contract.ContractNumber} · {contract.ServiceAddress}";
}

/// <summary>The preferences, verified phones and paused channels of a set of users, read at once.</summary>
internal sealed class RecipientSettings
{
    private readonly Dictionary<(Guid, string, NotificationChannel), bool> _choices = [];
    private readonly Dictionary<Guid, string> _phones = [];
    private readonly HashSet<(Guid, NotificationChannel)> _paused = [];

    public static async Task<RecipientSettings> LoadAsync(NotificationsDbContext db, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken)
    {
        var settings = new RecipientSettings();
        // One array parameter per query (EF's default for a list is a parameter per item, which SQLite looks up by name one
        // by one: thousands of them cost more than the query).
        foreach (var chunk in userIds.Chunk(5_000))
        {
            var ids = chunk.ToList();
            foreach (var p in await db.Preferences.AsNoTracking().Where(p => EF.Parameter(ids).Contains(p.UserId)).ToListAsync(cancellationToken))
            {
                settings._choices[(p.UserId, p.Type, p.Channel)] = p.Enabled;
            }

            foreach (var phone in await db.Phones.AsNoTracking().Where(p => EF.Parameter(ids).Contains(p.UserId) && p.VerifiedAt != null)
                         .Select(p => new { p.UserId, p.Number }).ToListAsync(cancellationToken))
            {
                settings._phones[phone.UserId] = phone.Number;
            }

            foreach (var state in await db.ChannelStates.AsNoTracking().Where(s => EF.Parameter(ids).Contains(s.UserId) && s.PausedAt != null)
                         .Select(s => new { s.UserId, s.Channel }).ToListAsync(cancellationToken))
            {
                settings._paused.Add((state.UserId, state.Channel));
            }
        }

        return settings;
    }

    /// <summary>Mandatory types go out on their default channels whatever the user chose; otherwise the user's choice, else the default.</summary>
    public bool Wants(Guid userId, string type, NotificationChannel channel, NotificationTypeOptions defaults) =>
        (defaults.Mandatory && defaults.DefaultFor(channel)) || _choices.GetValueOrDefault((userId, type, channel), defaults.DefaultFor(channel));

    public string? VerifiedPhone(Guid userId) => _phones.GetValueOrDefault(userId);

    public bool Paused(Guid userId, NotificationChannel channel) => _paused.Contains((userId, channel));
}
