package io.modellibrary.web;

import io.modellibrary.catalog.DownloadHistory;

import java.util.ArrayList;
import java.util.List;

/**
 * The downloads chart of a repository page, drawn on the server as SVG bars (no script, no
 * chart library): one bar a day, scaled to the highest day.
 */
final class DownloadCharts {

    /** The chart's drawing area in SVG user units; the page scales it to its width. */
    static final int WIDTH = 300;
    static final int HEIGHT = 60;

    private DownloadCharts() {
    }

    /**
     * The chart of {@code days}, oldest first, for a repository whose all-time count is
     * {@code allTime}: what that count holds beyond the days charted (downloads counted before the
     * first day, or imported as one all-time figure, as the demo catalogue's are) is the chart's
     * {@code uncharted}, said under it rather than left as an unexplained gap.
     */
    static WebViews.DownloadChart of(List<DownloadHistory.Day> days, long allTime) {
        long max = days.stream().mapToLong(DownloadHistory.Day::downloads).max().orElse(0);
        long total = days.stream().mapToLong(DownloadHistory.Day::downloads).sum();
        int slot = WIDTH / Math.max(1, days.size());
        List<WebViews.Bar> bars = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            DownloadHistory.Day d = days.get(i);
            // a day with downloads is at least 1 unit high, so that it shows beside a far higher one
            int height = max == 0 ? 0 : (int) Math.max(d.downloads() > 0 ? 1 : 0, Math.round((double) HEIGHT * d.downloads() / max));
            bars.add(new WebViews.Bar(i * slot, HEIGHT - height, Math.max(1, slot - 1), height,
                    d.day() + ": " + Formats.count(d.downloads()) + (d.downloads() == 1 ? " download" : " downloads")));
        }
        String from = days.isEmpty() ? "" : days.get(0).day().toString();
        String to = days.isEmpty() ? "" : days.get(days.size() - 1).day().toString();
        return new WebViews.DownloadChart(bars, total, max, days.size(), WIDTH, HEIGHT, from, to, Math.max(0, allTime - total));
    }
}
