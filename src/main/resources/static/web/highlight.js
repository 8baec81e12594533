// Syntax colours for the file view, from the vendored highlight.js (vendor/highlight, BSD-3-Clause).
// The page shows plain numbered lines without it. The whole text is highlighted at once (so a
// string or comment spanning lines is coloured right), then cut back into the page's lines, each
// line closing the spans left open at its end and the next one opening them again.
(function () {
    'use strict';
    var box = document.querySelector('.code[data-language]');
    if (!box || !window.hljs) {
        return;
    }
    var language = hljs.getLanguage(box.getAttribute('data-language')) ? box.getAttribute('data-language') : null;
    if (!language) {
        return;
    }
    var style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = box.getAttribute('data-style');
    document.head.appendChild(style);
    var cells = box.querySelectorAll('td.lc pre');
    var text = Array.prototype.map.call(cells, function (pre) { return pre.textContent; }).join('\n');
    var html = hljs.highlight(text, { language: language, ignoreIllegals: true }).value;
    var open = [];
    var lines = html.split('\n').map(function (line) {
        var start = open.join('');
        line.replace(/<span[^>]*>|<\/span>/g, function (tag) {
            if (tag === '</span>') {
                open.pop();
            } else {
                open.push(tag);
            }
            return tag;
        });
        return start + line + open.map(function () { return '</span>'; }).join('');
    });
    if (lines.length !== cells.length) {
        return;
    }
    cells.forEach(function (pre, i) {
        pre.innerHTML = lines[i];
        pre.classList.add('hljs');
    });
    box.classList.add('highlighted');
})();
