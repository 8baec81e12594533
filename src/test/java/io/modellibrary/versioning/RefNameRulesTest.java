package io.modellibrary.versioning;

import io.modellibrary.common.BadRequestException;
import io.modellibrary.support.EmptyCatalogueTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Branch and tag names follow git's {@code check-ref-format} (and {@code --branch}'s refusal of
 * a leading {@code -}), and no two refs of a repository differ only in case; refs stored
 * before that rule keep working.
 */
@EmptyCatalogueTest
class RefNameRulesTest {

    @Autowired
    Versions versions;
    @Autowired
    Refs refs;
    @Autowired
    Revisions revisions;
    @Autowired
    MongoTemplate mongo;

    @ParameterizedTest
    @ValueSource(strings = {"-rf", "-", "--force", "a..b", "a//b", "a/", "/a", ".a", "a.", "a/.b", "a.lock", "a.lock/b",
            "@", "a@{1}", "a b", "a\tb", "a\u0001b", "a~1", "a^", "a:b", "a?", "a*", "a[b", "a\\b", "HEAD", "refs/heads/x",
            "abcdef0", ""})
    void namesGitRefusesAreRefusedWithA400(String name) {
        assertThatThrownBy(() -> RefNames.check(name)).isInstanceOf(BadRequestException.class).hasMessageContaining("refName");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a-", "release/v1-rc", "v1.0", "feature/x_y", "a-b", "x/-y"})
    void ordinaryNamesAreAccepted(String name) {
        assertThat(RefNames.check(name)).isEqualTo(name);
    }

    @Test
    void aLeadingDashIsRefusedNamingTheRule() {
        assertThatThrownBy(() -> RefNames.check("-delete")).hasMessageContaining("must not start with '-'");
    }

    @Test
    void aNameDifferingOnlyInCaseFromABranchOrTagIsRefusedAsTaken() {
        String repoId = repo("0000000000000000000000c1");
        refs.create(repoId, Refs.Kind.BRANCH, "dev", "main");
        refs.create(repoId, Refs.Kind.TAG, "v1", "main");
        assertThatThrownBy(() -> refs.create(repoId, Refs.Kind.BRANCH, "DEV", "main"))
                .isInstanceOf(RefExistsException.class).hasMessageContaining("a branch named dev already exists")
                .hasMessageContaining("only in case");
        assertThatThrownBy(() -> refs.create(repoId, Refs.Kind.TAG, "Dev", "main")).isInstanceOf(RefExistsException.class);
        assertThatThrownBy(() -> refs.create(repoId, Refs.Kind.BRANCH, "V1", "main"))
                .isInstanceOf(RefExistsException.class).hasMessageContaining("a tag named v1");
        assertThatThrownBy(() -> refs.create(repoId, Refs.Kind.BRANCH, "Main", "main"))
                .isInstanceOf(RefExistsException.class).hasMessageContaining("a branch named main");
        assertThat(refs.list(repoId)).extracting(Refs.Ref::name).containsExactly("main", "dev", "v1");
    }

    @Test
    void aRefCannotBeAFolderOfAnotherOfItsKindAsGitKeepsRefsAsFiles() {
        String repoId = repo("0000000000000000000000c5");
        refs.create(repoId, Refs.Kind.BRANCH, "feat/x", "main");
        refs.create(repoId, Refs.Kind.BRANCH, "deep/a/b", "main");
        assertThatThrownBy(() -> refs.create(repoId, Refs.Kind.BRANCH, "feat/x/y", "main"))
                .isInstanceOf(RefExistsException.class).hasMessageContaining("a branch named feat/x already exists")
                .hasMessageContaining("folder");
        assertThatThrownBy(() -> refs.create(repoId, Refs.Kind.BRANCH, "Feat/X/y", "main")).isInstanceOf(RefExistsException.class);
        assertThatThrownBy(() -> refs.create(repoId, Refs.Kind.BRANCH, "deep/a", "main")).isInstanceOf(RefExistsException.class);
        assertThatThrownBy(() -> refs.create(repoId, Refs.Kind.BRANCH, "main/x", "main")).isInstanceOf(RefExistsException.class);
        // a sibling, a longer name that is no folder, and a tag (tags are apart from branches in git) are fine
        refs.create(repoId, Refs.Kind.BRANCH, "feat/xy", "main");
        refs.create(repoId, Refs.Kind.BRANCH, "feat/z", "main");
        refs.create(repoId, Refs.Kind.TAG, "feat/x/v1", "main");
        assertThat(refs.list(repoId)).extracting(Refs.Ref::name).contains("feat/x", "feat/xy", "feat/z", "feat/x/v1");
    }

    @Test
    void aDeletedRefsNameMayBeTakenAgainInAnotherCase() {
        String repoId = repo("0000000000000000000000c2");
        refs.create(repoId, Refs.Kind.BRANCH, "dev", "main");
        refs.delete(repoId, Refs.Kind.BRANCH, "dev");
        refs.create(repoId, Refs.Kind.BRANCH, "Dev", "main");
        assertThat(refs.list(repoId)).extracting(Refs.Ref::name).containsExactly("main", "Dev");
    }

    @Test
    void racingCreationsOfOneNameInDifferentCasesLeaveOneRef() throws Exception {
        String repoId = repo("0000000000000000000000c3");
        List<String> spellings = List.of("rel", "REL", "Rel", "rEl", "reL", "REl", "ReL", "rEL");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (String name : spellings) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        refs.create(repoId, Refs.Kind.BRANCH, name, "main");
                        return true;
                    } catch (RefExistsException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> r : results) {
                won += r.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
            assertThat(refs.list(repoId).stream().filter(r -> r.name().equalsIgnoreCase("rel")).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refsStoredBeforeTheRuleThatDifferOnlyInCaseKeepWorking() {
        String repoId = repo("0000000000000000000000c4");
        String head = revisions.require(repoId, "main").id();
        List<Document> listed = new ArrayList<>();
        for (String name : List.of("old", "OLD")) {
            mongo.insert(new RefDoc(RefDoc.id(repoId, RefDoc.BRANCH, name), repoId, RefDoc.BRANCH, name, head, 1));
            listed.add(new Document("n", name).append("k", RefDoc.BRANCH).append("t", new Date()));
        }
        mongo.getCollection(Refs.COLLECTION).insertOne(new Document("_id", repoId).append("refs", listed));

        assertThat(refs.list(repoId)).extracting(Refs.Ref::name).containsExactly("main", "OLD", "old");
        assertThat(revisions.require(repoId, "OLD").id()).isEqualTo(head);
        assertThat(revisions.require(repoId, "old").id()).isEqualTo(head);
        assertThatThrownBy(() -> refs.create(repoId, Refs.Kind.TAG, "Old", "main")).isInstanceOf(RefExistsException.class);
        refs.delete(repoId, Refs.Kind.BRANCH, "OLD");
        assertThat(refs.list(repoId)).extracting(Refs.Ref::name).containsExactly("main", "old");
    }

    private String repo(String repoId) {
        versions.commit(repoId, "alice", "first", null, List.of(Edit.put("a.txt", "a".repeat(64), 1)), () -> true);
        return repoId;
    }
}
