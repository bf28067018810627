// The one script of the console: a print button (the page prints without it, through the browser's menu).
document.querySelectorAll('[data-print]').forEach(function (button) {
  button.addEventListener('click', function () {
    // Open every collapsed part first so the printout holds the whole record.
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
    window.print();
  });
});
