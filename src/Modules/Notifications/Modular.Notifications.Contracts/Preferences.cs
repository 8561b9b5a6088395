using Modular.Core.Access;
using Modular.Core.Messaging;

namespace Modular.Notifications.Contracts;

/// <summary>One type's choice on one channel for the user: whether it is on, and whether the utility makes it mandatory.</summary>
public sealed record NotificationPreference(string Type, NotificationChannel Channel, bool Enabled, bool Mandatory);

/// <summary>The user's preferences (every type × channel, the utility's default where the user chose nothing), their phone and the channels paused.</summary>
/// <param name="Phone">The user's number in E.164, null when none was given.</param>
/// <param name="PhoneVerified">Whether SMS can be sent to <paramref name="Phone"/>.</param>
/// <param name="PausedChannels">Channels paused after repeated hard failures (the portal says so).</param>
public sealed record NotificationSettings(
    IReadOnlyList<NotificationPreference> Preferences,
    string? Phone,
    bool PhoneVerified,
    IReadOnlyList<NotificationChannel> PausedChannels);

/// <summary>The portal user's notification settings.</summary>
[AllowedCallers(Callers.Customer)]
public sealed record GetMyNotificationSettings : IQuery<NotificationSettings>;

/// <summary>
/// Turns one type on one channel on or off. A portal user changes their own (<paramref name="UserId"/> null); a system caller
/// (two-way SMS: STOP/START) names the user. A mandatory type cannot be turned off (<c>notifications.type_mandatory</c>).
/// Repeating it changes nothing.
/// </summary>
[AllowedCallers(Callers.Customer | Callers.System)]
public sealed record SetNotificationPreference(string Type, NotificationChannel Channel, bool Enabled, Guid? UserId = null) : ICommand;

/// <summary>A portal user whose verified phone number is the one asked for, with the customers linked to them and their language.</summary>
public sealed record VerifiedPhoneUser(Guid UserId, string Culture, IReadOnlyList<Guid> CustomerIds);

/// <summary>
/// Who owns a verified phone number (E.164, e.g. <c>+37120000000</c>; other spellings are normalised first): the inbound SMS
/// port asks before acting on a message. An unknown or unverified number answers an empty list. System callers only.
/// </summary>
[AllowedCallers(Callers.System)]
public sealed record FindUsersByVerifiedPhone(string Phone) : IQuery<IReadOnlyList<VerifiedPhoneUser>>;
