package io.modellibrary.versioning;

import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;

/**
 * A branch's or commit's log, newest first along first parents ({@code git log
 * --first-parent}), whole or narrowed to the commits that changed one file or folder
 * ({@code git log -- <path>}).
 *
 * <p>The narrowed log never scans: every tree entry carries the commit that last changed it
 * (for a folder: anything inside it), so from a commit where the path exists the next
 * older commit that touched it is that stamp, one path lookup away. Where the path does not
 * exist, the nearest existing ancestor entry's stamp is a commit since which the path was
 * absent; its parent tells whether that commit deleted it. Only a top-level path absent over
 * a long stretch is walked commit by commit, and every request stops after
 * {@value #MAX_STEPS} steps (then {@code complete} is false).
 */
@Service
public class History {

    /** The most steps (path lookups on one commit) one narrowed log takes. */
    static final int MAX_STEPS = 20_000;

    private final Versions versions;

    History(Versions versions) {
        this.versions = versions;
    }

    /**
     * One page of a log.
     *
     * @param commits  the page, newest first
     * @param total    commits in the whole log (with a path: those found, see {@code complete})
     * @param complete false when the narrowed log stopped after {@value #MAX_STEPS} steps
     */
    public record Page(List<CommitDoc> commits, long total, boolean complete) {
    }

    /**
     * Page {@code pageIndex} (from 1) of {@code pageSize} commits from {@code from} back;
     * past the end, an empty page with the right total.
     *
     * @param from the newest commit; null (an empty repository) gives an empty log
     * @param path null or "" for every commit; else a file or folder path, {@code /}-separated
     */
    public Page log(String repoId, CommitDoc from, String path, int pageIndex, int pageSize) {
        if (from == null) {
            return new Page(List.of(), 0, true);
        }
        long skip = (long) (pageIndex - 1) * pageSize;
        if (path == null || path.isEmpty()) {
            return new Page(walk(repoId, from, skip, pageSize), from.seq(), true);
        }
        List<String> touching = new ArrayList<>();
        boolean complete = touching(repoId, from, path, touching);
        List<CommitDoc> page = new ArrayList<>();
        for (long i = skip; i < touching.size() && page.size() < pageSize; i++) {
            page.add(versions.commit(repoId, touching.get((int) i)));
        }
        return new Page(page, touching.size(), complete);
    }

    private List<CommitDoc> walk(String repoId, CommitDoc from, long skip, int pageSize) {
        List<CommitDoc> page = new ArrayList<>();
        if (skip >= from.seq()) {
            return page;
        }
        CommitDoc c = from;
        for (long i = 0; i < skip && c != null; i++) {
            c = parent(repoId, c);
        }
        for (; c != null && page.size() < pageSize; c = parent(repoId, c)) {
            page.add(c);
        }
        return page;
    }

    /** Adds the ids of the commits that changed {@code path}, newest first; false if it ran out of steps. */
    private boolean touching(String repoId, CommitDoc from, String path, List<String> out) {
        CommitDoc x = from;
        for (int steps = 0; x != null; steps++) {
            if (steps == MAX_STEPS) {
                return false;
            }
            Entry entry = versions.find(x, path).orElse(null);
            CommitDoc changed;
            if (entry != null) {
                changed = versions.commit(repoId, entry.commit());
            } else {
                CommitDoc since = absentSince(repoId, x, path);
                CommitDoc parent = parent(repoId, since);
                if (parent == null) {
                    return true;
                }
                if (versions.find(parent, path).isEmpty()) {
                    x = parent;
                    continue;
                }
                changed = since; // the path existed before it and not at it: it deleted the path
            }
            out.add(changed.id());
            x = parent(repoId, changed);
        }
        return true;
    }

    /**
     * The oldest commit known to lack {@code path} as {@code x} does: the last change of the
     * path's nearest existing ancestor entry (nothing inside it changed since), or {@code x}.
     */
    private CommitDoc absentSince(String repoId, CommitDoc x, String path) {
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            Entry ancestor = versions.find(x, path.substring(0, slash)).orElse(null);
            if (ancestor != null) {
                return versions.commit(repoId, ancestor.commit());
            }
        }
        return x;
    }

    private CommitDoc parent(String repoId, CommitDoc c) {
        return c.parent() == null ? null : versions.commit(repoId, c.parent());
    }
}
