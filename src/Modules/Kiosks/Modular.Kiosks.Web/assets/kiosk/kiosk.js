// The kiosk's keypad, inactivity dialog and the cash screen's live count; every screen works without it except the
// keypad (the field takes a keyboard) and the live count (the screen reloads after each note).
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
