package io.modellibrary.web;

import io.modellibrary.catalog.DownloadHistory;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The downloads chart's bars: one a day, scaled to the highest day, a day with downloads never invisible. */
class DownloadChartsTest {

    @Test
    void barsAreScaledToTheHighestDayAndADayWithOneDownloadStillShows() {
        List<DownloadHistory.Day> days = new ArrayList<>();
        LocalDate first = LocalDate.of(2026, 5, 1);
        for (int i = 0; i < 30; i++) {
            days.add(new DownloadHistory.Day(first.plusDays(i), i == 29 ? 1000 : i == 28 ? 1 : 0));
        }
        WebViews.DownloadChart chart = DownloadCharts.of(days, 1001);
        assertThat(chart.bars()).hasSize(30);
        assertThat(chart.total()).isEqualTo(1001);
        assertThat(chart.from()).isEqualTo("2026-05-01");
        assertThat(chart.to()).isEqualTo("2026-05-30");
        WebViews.Bar top = chart.bars().get(29);
        assertThat(top.height()).isEqualTo(DownloadCharts.HEIGHT);
        assertThat(top.y()).isZero();
        assertThat(top.label()).isEqualTo("2026-05-30: 1,000 downloads");
        assertThat(chart.bars().get(28).height()).as("1 of 1,000 rounds to 0 but is drawn").isEqualTo(1);
        assertThat(chart.bars().get(28).label()).isEqualTo("2026-05-29: 1 download");
        assertThat(chart.bars().get(0).height()).isZero();
        assertThat(chart.bars().get(29).x() + chart.bars().get(29).width()).isLessThanOrEqualTo(DownloadCharts.WIDTH);
    }

    @Test
    void aRepositoryWithoutDownloadsHasAnEmptyChart() {
        WebViews.DownloadChart chart = DownloadCharts.of(List.of(new DownloadHistory.Day(LocalDate.of(2026, 5, 1), 0)), 0);
        assertThat(chart.total()).isZero();
        assertThat(chart.bars()).allSatisfy(b -> assertThat(b.height()).isZero());
        assertThat(chart.uncharted()).isZero();
    }

    @Test
    void whatTheAllTimeCountHoldsBeyondTheDaysShownIsUncharted() {
        List<DownloadHistory.Day> days = List.of(new DownloadHistory.Day(LocalDate.of(2026, 5, 1), 3),
                new DownloadHistory.Day(LocalDate.of(2026, 5, 2), 4));
        assertThat(DownloadCharts.of(days, 1007).uncharted()).isEqualTo(1000);
        assertThat(DownloadCharts.of(days, 7).uncharted()).isZero();
        assertThat(DownloadCharts.of(days, 0).uncharted()).as("a count behind the days (never negative)").isZero();
    }
}
