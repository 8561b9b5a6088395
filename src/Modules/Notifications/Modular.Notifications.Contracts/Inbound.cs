using Modular.Core.Access;
using Modular.Core.Messaging;

namespace Modular.Notifications.Contracts;

/// <summary>
/// An SMS a customer sent to the utility's number, as the provider's signed webhook delivers it (signed like the delivery
/// reports). Body: <c>{"id":"…","from":"+40…","text":"RU 123456 789"}</c>. Commands: <c>RU &lt;meter&gt; &lt;index&gt;</c> (keyword
/// configurable; <c>OK</c> at the end confirms a warning), <c>SOLD</c>/<c>BALANCE</c>/<c>BILANS</c>, <c>STOP &lt;type&gt;</c>,
/// <c>START &lt;type&gt;</c>. The same message id again changes nothing and answers as the first time.
/// </summary>
[AllowedCallers(Callers.Anyone)]
public sealed record ReceiveInboundSms(string Body, string? Timestamp, string? Signature) : ICommand<InboundSmsAnswer>;

/// <param name="Outcome">What was done: <c>reading</c>, <c>refused</c>, <c>balance</c>, <c>stop</c>, <c>start</c>, <c>unknown_number</c>, <c>not_understood</c>.</param>
/// <param name="Reply">The text sent back (none to an unknown number).</param>
/// <param name="Repeated">The message id had been received before: nothing was done again.</param>
public sealed record InboundSmsAnswer(string Outcome, string? Reply, bool Repeated);
