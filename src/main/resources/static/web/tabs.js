// The repository tabs: on a narrow screen an owner's row is wider than the screen and scrolls inside
// itself (app.css); a current tab past its right edge (Upload, Settings) is brought into sight, with
// a little of the row's start left scrolled away so that the row shows it scrolls. The tabs work without it.
(function () {
    'use strict';
    var nav = document.querySelector('nav.tabs');
    var active = nav && nav.querySelector('a.active');
    if (active) {
        var past = active.getBoundingClientRect().right - nav.getBoundingClientRect().right;
        if (past > 0) {
            nav.scrollLeft += past + 24;
        }
    }
})();
