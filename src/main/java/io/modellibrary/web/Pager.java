package io.modellibrary.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** The links of a numbered pager: previous, the first, a window around the current page, the last, next. */
final class Pager {

    private Pager() {
    }

    /** Links for page {@code current} of {@code pages}; none when there is one page only. */
    static List<WebViews.PageLink> links(int current, int pages, IntFunction<String> url) {
        List<WebViews.PageLink> links = new ArrayList<>();
        if (pages <= 1) {
            return links;
        }
        if (current > 1) {
            links.add(new WebViews.PageLink("Previous", url.apply(current - 1), false));
        }
        int from = Math.max(1, current - 2);
        int to = Math.min(pages, current + 2);
        if (from > 1) {
            links.add(new WebViews.PageLink("1", url.apply(1), false));
            if (from > 2) {
                links.add(new WebViews.PageLink("…", null, false));
            }
        }
        for (int p = from; p <= to; p++) {
            links.add(new WebViews.PageLink(Integer.toString(p), url.apply(p), p == current));
        }
        if (to < pages) {
            if (to < pages - 1) {
                links.add(new WebViews.PageLink("…", null, false));
            }
            links.add(new WebViews.PageLink(Integer.toString(pages), url.apply(pages), false));
        }
        if (current < pages) {
            links.add(new WebViews.PageLink("Next", url.apply(current + 1), false));
        }
        return links;
    }
}
