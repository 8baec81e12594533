// Enhancements of the server-rendered pages; every page works without this script.
(function () {
    'use strict';
    // A multipart form (sign-up, avatar) carries its CSRF token in its address: the container does not
    // read a multipart body before the CSRF check. When such a form is shown again after a refusal,
    // the token is taken out of the address bar (it must not be bookmarked or shared).
    if (/[?&]_csrf=/.test(location.search) && window.history && history.replaceState) {
        var kept = location.search.slice(1).split('&').filter(function (p) { return p.indexOf('_csrf=') !== 0; });
        history.replaceState(null, '', location.pathname + (kept.length ? '?' + kept.join('&') : '') + location.hash);
    }
    // Catalogue: apply a sort or a facet as soon as it changes.
    var filters = document.getElementById('filters');
    if (filters) {
        filters.addEventListener('change', function (e) {
            if (e.target.matches('select, input[type=checkbox]')) {
                filters.submit();
            }
        });
    }
    // "Use this" snippets: a copy button on each.
    document.querySelectorAll('pre.snippet').forEach(function (pre) {
        if (!navigator.clipboard) {
            return;
        }
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'button secondary small copy';
        button.textContent = 'Copy';
        button.addEventListener('click', function () {
            navigator.clipboard.writeText(pre.querySelector('code').textContent).then(function () {
                button.textContent = 'Copied';
                setTimeout(function () { button.textContent = 'Copy'; }, 1500);
            });
        });
        var heading = pre.previousElementSibling;
        button.setAttribute('aria-label', 'Copy: ' + (heading ? heading.textContent : 'snippet'));
        (heading || pre).appendChild(button);
    });
    // A token shown once: a copy button.
    document.querySelectorAll('[data-copy]').forEach(function (button) {
        var target = document.querySelector(button.getAttribute('data-copy'));
        if (!navigator.clipboard || !target) {
            return;
        }
        button.hidden = false;
        button.addEventListener('click', function () {
            navigator.clipboard.writeText(target.textContent).then(function () { button.textContent = 'Copied'; });
        });
    });
    // A destructive small form (remove a member, revoke a token) asks first: its data-confirm is the question.
    document.addEventListener('submit', function (e) {
        var question = e.target.getAttribute && e.target.getAttribute('data-confirm');
        if (question && !window.confirm(question)) {
            e.preventDefault();
        }
    });
})();
