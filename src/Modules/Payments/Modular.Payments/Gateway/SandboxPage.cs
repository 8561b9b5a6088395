using System.Net;
using Autofac;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Modular.Core.Access;
using Modular.Core.Localization;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Notifications;
using Modular.Payments.Persistence;

namespace Modular.Payments.Gateway;

/// <summary>
/// The sandbox gateway's hosted page: texts from the module's catalog in the request's language, every value
/// HTML-encoded, and a form token (<see cref="SandboxFormToken"/>) that the approve/decline POST must carry.
/// </summary>
internal static class SandboxPage
{
    public static async Task<IResult> ShowAsync(string reference, HttpContext context)
    {
        var payment = await FindAsync(context, reference);
        if (payment is null)
        {
            return Results.NotFound();
        }

        var texts = context.RequestServices.GetRequiredService<ITextCatalog>();
        var language = LanguageOf(context);
        string T(string key, params (string Name, object? Value)[] arguments) => WebUtility.HtmlEncode(
            texts.Get("payments.sandbox." + key, language, arguments.ToDictionary(a => a.Name, a => a.Value)));

        var form = string.Empty;
        if (payment.Status == PaymentStatus.Pending)
        {
            var session = SandboxFormToken.EnsureSession(context);
            var token = context.RequestServices.GetRequiredService<SandboxFormToken>().Issue(payment.Id, session);
            form = $"""
                <form method="post"><input type="hidden" name="{SandboxFormToken.FieldName}" value="{WebUtility.HtmlEncode(token)}">
                <button name="decision" value="approve">{T("approve")}</button> <button name="decision" value="decline">{T("decline")}</button></form>
                """;
        }

        var status = WebUtility.HtmlEncode(texts.Get("payments.status." + payment.Status.ToString().ToLowerInvariant(), language));
        var html = $"""
            <!doctype html><html lang="{language}"><head><meta charset="utf-8"><title>{T("title", ("reference", payment.Reference))}</title></head>
            <body><h1>{T("heading")}</h1><p>{T("notice")}</p>
            <p>{T("reference")}: <strong id="reference">{WebUtility.HtmlEncode(payment.Reference)}</strong>,
            {T("amount")}: <strong id="amount">{WebUtility.HtmlEncode(PaymentEmailFormat.Money(payment.Total, language))}</strong>,
            {T("status")}: <span id="status">{status}</span>.</p>
            {form}
            </body></html>
            """;
        context.Response.Headers[HeaderNames.CacheControl] = "no-store";
        return Results.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>
    /// Checks the POST before anything happens: the token must be this browser's for this payment and unexpired, the
    /// payment still pending and not yet decided on this page. Anything else answers 400 and changes nothing.
    /// </summary>
    public static async Task<(IResult? Refusal, Payment? Payment, GatewayNotification? Decision)> DecideAsync(string reference, HttpContext context)
    {
        var payment = await FindAsync(context, reference);
        if (payment is null)
        {
            return (Results.NotFound(), null, null);
        }

        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        var tokens = context.RequestServices.GetRequiredService<SandboxFormToken>();
        if (form is null || !tokens.IsValid(payment.Id, SandboxFormToken.SessionOf(context), form[SandboxFormToken.FieldName]))
        {
            return (Refuse(context, PaymentErrors.SandboxTokenInvalid), null, null);
        }

        var approve = string.Equals(form["decision"], "approve", StringComparison.Ordinal);
        var decision = payment.Status == PaymentStatus.Pending
            ? context.RequestServices.GetRequiredService<SandboxGateway>().TryDecide(reference, approve, payment.Total)
            : null;
        return decision is null
            ? (Refuse(context, PaymentErrors.SandboxAlreadyDecided), null, null)
            : (null, payment, decision);
    }

    /// <summary>
    /// The request's language as the host resolved it (ASP.NET Core request localization: the portal's language cookie,
    /// the user's preference, the browser); without request localization the browser's Accept-Language; else the default.
    /// </summary>
    public static string LanguageOf(HttpContext context)
    {
        var supported = LocalizationOptions.Supported;
        if (context.Features.Get<IRequestCultureFeature>() is { } feature
            && supported.Contains(feature.RequestCulture.UICulture.TwoLetterISOLanguageName))
        {
            return feature.RequestCulture.UICulture.TwoLetterISOLanguageName;
        }

        foreach (var language in context.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1))
        {
            var two = language.Value.ToString().Split('-')[0].ToLowerInvariant();
            if (supported.Contains(two))
            {
                return two;
            }
        }

        return context.RequestServices.GetRequiredService<IOptions<LocalizationOptions>>().Value.DefaultCulture;
    }

    private static IResult Refuse(HttpContext context, string code) => Results.Content(
        context.RequestServices.GetRequiredService<ITextCatalog>().Get(code, LanguageOf(context)), "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);

    private static async Task<Payment?> FindAsync(HttpContext context, string reference)
    {
        await using var scope = context.RequestServices.BeginCallerScope(Caller.System.From(context.Connection.RemoteIpAddress?.ToString()));
        return await scope.Resolve<PaymentsDbContext>().Payments.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Reference == reference && p.Channel == PaymentChannel.Online, context.RequestAborted);
    }
}
