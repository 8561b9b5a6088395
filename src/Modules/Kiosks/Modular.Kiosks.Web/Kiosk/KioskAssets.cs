using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Modular.Kiosks.Web.Kiosk;

/// <summary>
/// The kiosk's stylesheet and script, served under <c>/kiosk/assets</c>: large targets (at least 48 px), high contrast,
/// three text sizes, the keypad, the inactivity dialog and the cash screen's live count. No framework; every screen works
/// without the script except the keypad (the field takes a keyboard) and the live count (the screen reloads after each
/// note).
/// </summary>
public static class KioskAssets
{
    public const string StylePath = "/kiosk/assets/kiosk.css";

    public const string ScriptPath = "/kiosk/assets/kiosk.js";

    internal static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(StylePath, (HttpContext context) => Serve(context, Style, "text/css; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        routes.MapGet(ScriptPath, (HttpContext context) => Serve(context, Script, "text/javascript; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult Serve(HttpContext context, string content, string contentType)
    {
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Text(content, contentType);
    }

    internal const string Style = """
        :root { --ink: #111; --paper: #fff; --accent: #0b3d91; --accent-ink: #fff; --muted: #3b3b3b; --error: #a50e0e; --line: #5a5a5a; --focus: #ffbf47; }
        html { font-size: 20px; }
        html.text-large { font-size: 25px; }
        html.text-larger { font-size: 31px; }
        * { box-sizing: border-box; }
        body.kiosk { margin: 0; min-height: 100vh; display: flex; flex-direction: column; font-family: "DejaVu Sans", Arial, sans-serif; line-height: 1.5;
            color: var(--ink); background: var(--paper); -webkit-user-select: none; user-select: none; touch-action: manipulation; }
        input, textarea { -webkit-user-select: text; user-select: text; }
        .skip-link { position: absolute; left: -999px; top: 0; background: var(--accent); color: var(--accent-ink); padding: .75rem 1rem; }
        .skip-link:focus { left: 0; z-index: 10; }
        :focus-visible { outline: 4px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 7px var(--ink); }
        .kiosk-header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between; padding: 1rem 1.5rem;
            background: var(--accent); color: var(--accent-ink); }
        .kiosk-brand { margin: 0; font-size: 1.4rem; font-weight: 700; }
        .kiosk-settings { display: flex; flex-wrap: wrap; gap: 1rem; }
        .kiosk-settings form { display: flex; gap: .5rem; margin: 0; }
        .kiosk-settings button { min-width: 3rem; min-height: 3rem; padding: .4rem .9rem; font-size: 1rem; border: 2px solid var(--accent-ink);
            background: transparent; color: var(--accent-ink); border-radius: .4rem; cursor: pointer; }
        .kiosk-settings button[aria-pressed="true"] { background: var(--accent-ink); color: var(--accent); font-weight: 700; }
        main { flex: 1; padding: 1.5rem; max-width: 60rem; width: 100%; margin: 0 auto; }
        main:focus { outline: none; }
        h1 { font-size: 2rem; margin: 0 0 1rem; }
        h2 { font-size: 1.5rem; }
        .kiosk-lead { font-size: 1.2rem; }
        .kiosk-hint { color: var(--muted); }
        .kiosk-customer { font-size: 1.2rem; font-weight: 700; }
        .kiosk-field { margin: 1rem 0; }
        .kiosk-field label, legend { display: block; font-weight: 700; font-size: 1.1rem; margin-bottom: .4rem; }
        input[type="text"] { width: 100%; min-height: 3.5rem; font-size: 1.4rem; padding: .5rem .75rem; border: 3px solid var(--ink); border-radius: .4rem;
            color: var(--ink); background: var(--paper); }
        input[aria-invalid="true"] { border-color: var(--error); }
        input[type="checkbox"], input[type="radio"] { width: 2.4rem; height: 2.4rem; margin: .3rem; accent-color: var(--accent); }
        .kiosk-radio { display: flex; align-items: center; gap: .5rem; min-height: 3rem; font-size: 1.1rem; }
        .kiosk-radio label { font-weight: 700; }
        fieldset { border: 2px solid var(--line); border-radius: .5rem; padding: 1rem; margin: 1rem 0; }
        button, .button { display: inline-flex; align-items: center; justify-content: center; min-height: 3.5rem; min-width: 3.5rem; padding: .6rem 1.4rem;
            font-size: 1.2rem; font-weight: 700; border-radius: .5rem; border: 3px solid var(--accent); cursor: pointer; text-decoration: none; font-family: inherit; }
        button.primary, .button.primary { background: var(--accent); color: var(--accent-ink); }
        button.secondary, .button.secondary, .kiosk-keypad button { background: var(--paper); color: var(--accent); }
        .kiosk-wide { width: 100%; margin-top: 1rem; }
        .kiosk-actions { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1.5rem 0; }
        .kiosk-actions form { margin: 0; }
        .kiosk-keypad { display: grid; grid-template-columns: repeat(3, 1fr); gap: .75rem; max-width: 24rem; margin: 1rem 0; }
        .kiosk-keypad button { min-height: 4.5rem; font-size: 1.8rem; }
        .kiosk-error { color: var(--error); font-weight: 700; font-size: 1.1rem; }
        .kiosk-alert { border: 3px solid var(--error); color: var(--error); padding: .75rem 1rem; border-radius: .5rem; font-weight: 700; }
        table { width: 100%; border-collapse: collapse; margin: .5rem 0 1rem; font-size: 1.05rem; }
        caption { text-align: left; font-weight: 700; padding: .3rem 0; }
        th, td { text-align: left; padding: .5rem; border-bottom: 2px solid var(--line); vertical-align: middle; }
        .num { text-align: right; white-space: nowrap; }
        tfoot th, tfoot td { font-weight: 700; font-size: 1.2rem; }
        dl.kiosk-facts, dl.kiosk-cash-count { display: grid; grid-template-columns: auto 1fr; gap: .5rem 1.5rem; font-size: 1.3rem; }
        dl dt { font-weight: 700; }
        dl dd { margin: 0; }
        .kiosk-amount { font-size: 1.6rem; }
        .kiosk-simulator { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; border: 2px dashed var(--line); padding: 1rem; border-radius: .5rem; }
        .kiosk-simulator p { width: 100%; margin: 0; }
        .kiosk-dialog { max-width: 36rem; border: 4px solid var(--ink); border-radius: .75rem; padding: 1.5rem; color: var(--ink); background: var(--paper); }
        .kiosk-dialog::backdrop { background: rgba(0, 0, 0, .6); }
        .kiosk-footer { padding: .75rem 1.5rem; border-top: 2px solid var(--line); color: var(--muted); }
        .kiosk-footer p { margin: 0; }
        .kiosk-out-of-service { text-align: center; padding-top: 4rem; }
        """;

    internal const string Script = """
        (function () {
            'use strict';
            var body = document.body;

            // The on-screen keypad types into its field (a keyboard or a scanner types there directly).
            document.querySelectorAll('[data-keypad-for]').forEach(function (pad) {
                var input = document.getElementById(pad.getAttribute('data-keypad-for'));
                pad.addEventListener('click', function (e) {
                    var button = e.target.closest('button[data-key]');
                    if (!button || !input) { return; }
                    var key = button.getAttribute('data-key');
                    if (key === 'clear') { input.value = ''; }
                    else if (key === 'back') { input.value = input.value.slice(0, -1); }
                    else { input.value += key; }
                });
            });

            // Leaving a finished customer's screens replaces them in the history: the back button cannot return.
            document.querySelectorAll('a[data-replace]').forEach(function (link) {
                link.addEventListener('click', function (e) { e.preventDefault(); location.replace(link.getAttribute('href')); });
            });
            if (document.querySelector('[data-screen="start"], [data-screen="out-of-service"]')) {
                history.replaceState(null, '', '/kiosk');
            }

            var returnSeconds = Number(body.getAttribute('data-return-seconds')) || 0;
            if (returnSeconds > 0) {
                setTimeout(function () { location.replace('/kiosk'); }, returnSeconds * 1000);
            }

            // Inactivity: "Do you need more time?" with a countdown; no answer ends the session.
            var idleSeconds = Number(body.getAttribute('data-idle-seconds')) || 0;
            var warningSeconds = Number(body.getAttribute('data-warning-seconds')) || 30;
            var dialog = document.getElementById('kiosk-idle');
            if (idleSeconds > 0 && dialog) {
                var idleTimer = null;
                var countdownTimer = null;
                var left = 0;
                var countdown = document.getElementById('kiosk-idle-countdown');
                var moreTime = document.getElementById('kiosk-more-time');
                var endForm = document.getElementById('kiosk-end-form');
                var arm = function () {
                    clearTimeout(idleTimer);
                    idleTimer = setTimeout(warn, idleSeconds * 1000);
                };
                var warn = function () {
                    left = warningSeconds;
                    countdown.textContent = String(left);
                    if (!dialog.open) { dialog.showModal(); }
                    moreTime.focus();
                    clearInterval(countdownTimer);
                    countdownTimer = setInterval(function () {
                        left -= 1;
                        countdown.textContent = String(Math.max(left, 0));
                        if (left <= 0) {
                            clearInterval(countdownTimer);
                            endForm.submit();
                        }
                    }, 1000);
                };
                var more = function () {
                    clearInterval(countdownTimer);
                    if (dialog.open) { dialog.close(); }
                    arm();
                };
                moreTime.addEventListener('click', more);
                dialog.addEventListener('cancel', function (e) { e.preventDefault(); more(); });
                ['pointerdown', 'keydown', 'input'].forEach(function (type) {
                    document.addEventListener(type, function () { if (!dialog.open) { arm(); } }, true);
                });
                arm();
            }

            // The cash screen counts notes as the acceptor reports them.
            var count = document.querySelector('[data-status-url]');
            if (count && window.fetch) {
                var url = count.getAttribute('data-status-url');
                var poll = setInterval(function () {
                    fetch(url, { credentials: 'same-origin', cache: 'no-store' })
                        .then(function (response) { return response.json(); })
                        .then(function (status) {
                            if (status.ended) { clearInterval(poll); return; }
                            var inserted = document.getElementById('kiosk-inserted');
                            if (inserted.getAttribute('data-inserted') !== status.insertedAmount) {
                                inserted.textContent = status.inserted;
                                inserted.setAttribute('data-inserted', status.insertedAmount);
                                document.getElementById('kiosk-notes').textContent = String(status.count);
                                document.getElementById('kiosk-remaining').textContent = status.remaining;
                            }
                        })
                        .catch(function () { });
                }, 1000);
            }
        })();
        """;
}
