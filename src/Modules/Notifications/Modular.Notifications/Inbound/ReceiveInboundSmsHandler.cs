using System.Globalization;
using System.Text.Json;
using Autofac;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Core.Localization;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Notifications.Contracts;
using Modular.Notifications.Delivery;
using Modular.Notifications.Domain;
using Modular.Notifications.Persistence;
using Modular.Notifications.Sms;
using Modular.Readings.Contracts;

namespace Modular.Notifications.Inbound;

/// <summary>
/// Two-way SMS. The webhook's signature is checked like the delivery reports' (<see cref="WebhookSignature"/>); the sender
/// must be a verified number (<see cref="FindUsersByVerifiedPhone"/>), else nothing is done and nothing answered. A reading
/// goes through Readings' own <see cref="SubmitReading"/> as that customer (channel SMS), so the window, index and
/// plausibility rules and their texts are Readings'; a meter not among the customer's is "unknown" whoever it belongs to.
/// Balance through Billing's <see cref="GetBalance"/>; STOP/START through <see cref="SetNotificationPreference"/>. The answer
/// goes back by SMS in the user's language. The message's provider id is the key of <c>inbound_sms</c>: sent twice, it
/// is handled once.
/// </summary>
internal sealed class ReceiveInboundSmsHandler(NotificationsDbContext db, IMediator mediator, ILifetimeScope scope, UtilityClock clock,
    IOptions<NotificationsOptions> options, ITextCatalog texts, ISmsGateway gateway) : IRequestHandler<ReceiveInboundSms, Result<InboundSmsAnswer>>
{
    public async Task<Result<InboundSmsAnswer>> Handle(ReceiveInboundSms request, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        if (WebhookSignature.Check(options.Value, now, request.Body, request.Timestamp, request.Signature) is { } refused)
        {
            return Result<InboundSmsAnswer>.Failure(refused);
        }

        if (Parse(request.Body) is not { } message)
        {
            return Result<InboundSmsAnswer>.Failure(NotificationsErrors.ReportInvalid);
        }

        if (await db.InboundSms.AsNoTracking().SingleOrDefaultAsync(m => m.Id == message.Id, cancellationToken) is { } seen)
        {
            return new InboundSmsAnswer(seen.Outcome, seen.Reply, true);
        }

        var row = new InboundSms { Id = message.Id, From = message.From, Text = message.Text, ReceivedAt = now };
        db.InboundSms.Add(row);
        var users = await mediator.Send(new FindUsersByVerifiedPhone(message.From), cancellationToken);
        var user = users.IsSuccess ? users.Value.FirstOrDefault(u => u.CustomerIds.Count > 0) : null;
        if (user is null)
        {
            row.Outcome = "unknown_number";
            return await SaveAsync(row, null, cancellationToken);
        }

        row.UserId = user.UserId;
        var customer = Caller.Customer(user.UserId, Channel.Portal, user.Culture);
        var (outcome, reply) = await AnswerAsync(message.Text, user, customer, cancellationToken);
        row.Outcome = outcome;
        row.Reply = reply;
        return await SaveAsync(row, message.From, cancellationToken);
    }

    private async Task<Result<InboundSmsAnswer>> SaveAsync(InboundSms row, string? replyTo, CancellationToken cancellationToken)
    {
        var saved = await db.SaveUnlessConflictAsync<InboundSmsAnswer>(async ct =>
                await db.InboundSms.AsNoTracking().SingleOrDefaultAsync(m => m.Id == row.Id, ct) is { } twin
                    ? Result<InboundSmsAnswer>.Success(new InboundSmsAnswer(twin.Outcome, twin.Reply, true))
                    : null,
            Error.Of(NotificationsErrors.ReportReplayed), DbConflict.UniqueViolation, cancellationToken);
        if (saved is not null)
        {
            return saved;
        }

        if (replyTo is not null && row.Reply is not null)
        {
            await gateway.SendAsync(new SmsRequest(E164.Normalize(replyTo, options.Value.PhoneRegion) ?? replyTo, row.Reply), cancellationToken);
        }

        return new InboundSmsAnswer(row.Outcome, row.Reply, false);
    }

    private async Task<(string Outcome, string Reply)> AnswerAsync(string text, VerifiedPhoneUser user, Caller customer, CancellationToken cancellationToken)
    {
        var culture = user.Culture;
        var words = text.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var keyword = words.Length == 0 ? string.Empty : words[0].ToUpperInvariant();
        if (keyword == options.Value.SmsReadingKeyword.ToUpperInvariant())
        {
            return await ReadingAsync(words, culture, customer, cancellationToken);
        }

        switch (keyword)
        {
            case "SOLD" or "BALANCE" or "BILANS":
                var lines = new List<string>();
                foreach (var customerId in user.CustomerIds)
                {
                    var balance = await scope.SendAsAsync(customer, new GetBalance(customerId), cancellationToken);
                    if (balance.IsSuccess)
                    {
                        lines.Add(texts.Get("sms.balance", culture, Args(("due", CultureFormats.Money(balance.Value.Due, CultureFormats.Regional(culture))),
                            ("credit", CultureFormats.Money(balance.Value.Credit, CultureFormats.Regional(culture))))));
                    }
                }

                return ("balance", lines.Count == 0 ? texts.Get("sms.balance_unavailable", culture) : string.Join(" ", lines));
            case "STOP" or "START" when words.Length == 2 && TypeCatalogue.All.FirstOrDefault(t => string.Equals(t, words[1], StringComparison.OrdinalIgnoreCase)) is { } type:
                var enabled = keyword == "START";
                var changed = await mediator.Send(new SetNotificationPreference(type, NotificationChannel.Sms, enabled, user.UserId), cancellationToken);
                return changed.IsSuccess
                    ? (keyword.ToLowerInvariant(), texts.Get(enabled ? "sms.started" : "sms.stopped", culture, Args(("type", texts.Get("notifications.type." + type, culture)))))
                    : ("refused", texts.Describe(changed.Error, culture));
            default:
                return ("not_understood", texts.Get("sms.help", culture, Args(("keyword", options.Value.SmsReadingKeyword.ToUpperInvariant()))));
        }
    }

    private async Task<(string Outcome, string Reply)> ReadingAsync(string[] words, string culture, Caller customer, CancellationToken cancellationToken)
    {
        var confirm = words.Length == 4 && string.Equals(words[3], "OK", StringComparison.OrdinalIgnoreCase);
        if (words.Length is not (3 or 4) || (words.Length == 4 && !confirm)
            || !decimal.TryParse(words[2].Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var index))
        {
            return ("not_understood", texts.Get("sms.help", culture, Args(("keyword", options.Value.SmsReadingKeyword.ToUpperInvariant()))));
        }

        var meters = await scope.SendAsAsync(customer, new GetMyMeters(), cancellationToken);
        var meter = meters.IsSuccess
            ? meters.Value.FirstOrDefault(m => m.RemovedOn is null && string.Equals(Compact(m.Serial), Compact(words[1]), StringComparison.OrdinalIgnoreCase))
            : null;
        if (meter is null)
        {
            return ("refused", texts.Get("sms.meter_unknown", culture, Args(("meter", words[1]))));
        }

        var submitted = await scope.SendAsAsync(customer, new SubmitReading(meter.MeterId, index, confirm), cancellationToken);
        if (submitted.IsFailure)
        {
            return ("refused", texts.Describe(submitted.Error, culture));
        }

        if (!submitted.Value.Stored)
        {
            var warning = submitted.Warnings.Count > 0 ? texts.Describe(submitted.Warnings[0], culture) + " " : string.Empty;
            return ("refused", warning + texts.Get("sms.confirm", culture, Args(("text", $"{words[0]} {words[1]} {words[2]} OK"))));
        }

        return ("reading", texts.Get("sms.reading_stored", culture, Args(("meter", meter.Serial),
            ("index", CultureFormats.Number(submitted.Value.Index, 3, CultureFormats.Regional(culture))),
            ("consumption", CultureFormats.Number(submitted.Value.Consumption, 3, CultureFormats.Regional(culture))))));
    }

    private static string Compact(string serial) => new(serial.Where(char.IsLetterOrDigit).ToArray());

    private static Dictionary<string, object?> Args(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    private static (string Id, string From, string Text)? Parse(string? body)
    {
        try
        {
            using var json = JsonDocument.Parse(body ?? string.Empty);
            var root = json.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("id", out var id) && id.GetString() is { Length: > 0 and <= 100 } key
                && root.TryGetProperty("from", out var from) && from.GetString() is { Length: > 0 and <= 30 } number
                && root.TryGetProperty("text", out var text) && text.GetString() is { Length: <= 1600 } content
                ? (key, number, content)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
