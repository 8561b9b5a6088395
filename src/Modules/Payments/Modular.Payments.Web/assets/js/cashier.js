// The cashier's desk: a "print" button prints the page as it is laid out for paper (cashier.css hides the rest).
document.addEventListener('click', function (event) {
    var button = event.target.closest ? event.target.closest('[data-print]') : null;
    if (button) {
        event.preventDefault();
        window.print();
    }
});
