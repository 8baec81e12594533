package io.modellibrary.versioning;

import io.modellibrary.support.EmptyCatalogueTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Racing creations of one name as a branch and as a tag: exactly one wins, the others are told the name exists. */
@EmptyCatalogueTest
class RefsRaceTest {

    @Autowired
    Versions versions;
    @Autowired
    Refs refs;

    @Test
    void sixteenRacingCreationsOfOneNameLeaveOneRef() throws Exception {
        String repoId = "0000000000000000000000ab";
        versions.commit(repoId, "alice", "first", null, List.of(Edit.put("a.txt", "a".repeat(64), 1)), () -> true);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 3; round++) {
                String name = "release-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    Refs.Kind kind = i % 2 == 0 ? Refs.Kind.BRANCH : Refs.Kind.TAG;
                    results.add(pool.submit(() -> {
                        start.await();
                        try {
                            refs.create(repoId, kind, name, "main");
                            return true;
                        } catch (RefExistsException e) {
                            assertThat(e.name()).isEqualTo(name);
                            return false;
                        }
                    }));
                }
                start.countDown();
                int won = 0;
                for (Future<Boolean> r : results) {
                    won += r.get() ? 1 : 0;
                }
                assertThat(won).as("round " + round).isEqualTo(1);
                assertThat(refs.list(repoId).stream().filter(r -> r.name().equals(name)).count()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
