package io.modellibrary.catalog;

import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Download counts, written in the background and together when several wait: every download
 * is counted once, on the repository and in its day's activity (the downloads chart, trending).
 */
@EmptyCatalogueTest
class DownloadCountsTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    RepoUpdates updates;
    @Autowired
    RepoRepository repos;
    @Autowired
    MongoTemplate mongo;

    @Test
    void everyDownloadOfABurstFromManyThreadsIsCounted() throws Exception {
        Repo busy = fixtures.model("org/busy-model").downloads(7).save();
        Repo other = fixtures.dataset("org/other-data").save();
        IntStream.range(0, 300).parallel().forEach(i -> updates.recordDownload(i % 3 == 0 ? other : busy));
        updates.awaitDownloadsWritten();
        assertThat(downloads(busy)).isEqualTo(7 + 200);
        assertThat(downloads(other)).isEqualTo(100);
        assertThat(activity(busy)).extracting(RepoActivity::downloads).containsExactly(200L);
        assertThat(activity(other)).extracting(RepoActivity::downloads).containsExactly(100L);
    }

    @Test
    void aRepositoryDeletedBeforeItsDownloadIsWrittenGetsNoActivity() throws Exception {
        Repo gone = fixtures.model("org/gone-model").save();
        mongo.remove(gone);
        updates.recordDownload(gone);
        updates.awaitDownloadsWritten();
        assertThat(activity(gone)).isEmpty();
    }

    private long downloads(Repo repo) {
        return repos.findById(repo.getId()).orElseThrow().getDownloads();
    }

    private List<RepoActivity> activity(Repo repo) {
        return mongo.find(Query.query(Criteria.where("repoId").is(repo.getId())), RepoActivity.class);
    }
}
