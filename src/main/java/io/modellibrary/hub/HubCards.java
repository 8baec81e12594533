package io.modellibrary.hub;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.modellibrary.catalog.Repo;
import io.modellibrary.content.RepoAccess;
import io.modellibrary.content.RepoPath;
import io.modellibrary.content.RevisionReads;
import io.modellibrary.content.TreeEntry;
import io.modellibrary.versioning.Versions;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A repository's {@code cardData} (its {@code README.md}'s front matter, {@link CardData}) at a
 * commit, for repository info and for the lists' {@code cardData=true}, {@code full=true}
 * (datasets) and {@code expand=cardData}. A commit never changes, so the card read at one is kept
 * by its id: a list page then costs one query for its repositories' heads (by {@code _id}), and
 * reads a README only for a head not seen before. Bounded by weight: at most
 * {@value #MAX_WEIGHT} characters of card data (each card weighs the length of its text form plus
 * {@value #ENTRY_WEIGHT}; a commit without a card weighs {@value #ENTRY_WEIGHT}), evicted by
 * Caffeine's size policy. {@code bench/listcards.sh} (100 models a page, embedded database, a loaded
 * 2-core machine): p50 3.8 ms without cards, 5.8 ms with them cached, 36-86 ms with none cached (every
 * README read); 13.9 ms cached with one head lookup per repository instead of one query per page.
 */
@Component
class HubCards {

    static final long MAX_WEIGHT = 8_000_000;
    static final int ENTRY_WEIGHT = 64;

    /** The card at a commit; {@code data} null when the commit has no README.md or its front matter is no card. */
    private record Card(Map<String, Object> data) {
        int weight() {
            return ENTRY_WEIGHT + (data == null ? 0 : Math.min(data.toString().length(), Integer.MAX_VALUE - ENTRY_WEIGHT));
        }
    }

    private final Cache<String, Card> byCommit = Caffeine.newBuilder().maximumWeight(MAX_WEIGHT)
            .weigher((String commit, Card card) -> card.weight()).build();
    private final RevisionReads reads;
    private final Versions versions;

    HubCards(RevisionReads reads, Versions versions) {
        this.reads = reads;
        this.versions = versions;
    }

    /** The card at the snapshot's commit; null for an empty repository or one without a card. */
    Map<String, Object> at(RepoAccess.Snapshot at) {
        if (at.commit() == null) {
            return null;
        }
        return byCommit.get(at.commit().id(), id -> new Card(read(at))).data();
    }

    /**
     * The cards at the heads of the repositories' {@code main} (the lists' revision), by repository id: a README read
     * for each head not seen before. A repository without commits or card is absent.
     *
     * @param heads the head commit id of each repository's {@code main} ({@link Versions#mainHeads}, one query a page)
     */
    Map<String, Map<String, Object>> atHeads(List<Repo> repos, Map<String, String> heads) {
        Map<String, Map<String, Object>> found = new HashMap<>();
        for (Repo repo : repos) {
            String head = heads.get(repo.getId());
            Map<String, Object> card = head == null ? null : byCommit.get(head,
                    id -> new Card(read(new RepoAccess.Snapshot(repo, Versions.MAIN, versions.commit(repo.getId(), id))))).data();
            if (card != null) {
                found.put(repo.getId(), card);
            }
        }
        return found;
    }

    private Map<String, Object> read(RepoAccess.Snapshot at) {
        Optional<TreeEntry> readme = reads.entry(at, RepoPath.of("README.md")).filter(e -> !e.folder());
        try {
            return readme.isEmpty() ? null : CardData.of(reads.text(readme.get()).orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
