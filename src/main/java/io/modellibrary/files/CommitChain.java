package io.modellibrary.files;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Follows parent links from a commit. Candidates fetched in one query usually hold the
 * whole chain; a commit left behind by a lost race (same sequence number, never on the
 * chain) is skipped, and a missing link is fetched on its own.
 */
final class CommitChain {

    private CommitChain() {
    }

    static List<CommitDoc> walk(String from, List<CommitDoc> candidates, int limit,
                                Function<String, Optional<CommitDoc>> fetch) {
        Map<String, CommitDoc> byId = new HashMap<>();
        candidates.forEach(c -> byId.put(c.id(), c));
        List<CommitDoc> chain = new ArrayList<>();
        for (String id = from; id != null && chain.size() < limit; ) {
            CommitDoc commit = byId.containsKey(id) ? byId.get(id) : fetch.apply(id).orElse(null);
            if (commit == null) {
                break;
            }
            chain.add(commit);
            id = commit.parent();
        }
        return chain;
    }
}
