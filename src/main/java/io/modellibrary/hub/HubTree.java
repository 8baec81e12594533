package io.modellibrary.hub;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.content.RepoAccess;
import io.modellibrary.content.RepoPath;
import io.modellibrary.content.RevisionReads;
import io.modellibrary.content.TreeEntry;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Tree entries in the Hub's shape ({@code huggingface_hub hf_api.py RepoFile/RepoFolder},
 * {@code @huggingface/hub lib/list-files.ts}): {@code {type, oid, size, path, lfs?, lastCommit?}},
 * and listings a page at a time, recursive ones walking folders lazily (a folder's entries are
 * read a page at a time, only as far as the page needs), so a repository of a million files
 * lists in pages without the whole tree ever being loaded.
 *
 * <p>{@code oid}: a regular file's git blob sha1; an LFS file's pointer's git blob id, with
 * {@code lfs: {oid: sha256, size, pointerSize}}; a folder's tree id (40 hex, content-addressed:
 * {@code versioning.TreeDoc}; it changes exactly when something inside it does, and two folders
 * changed by one commit have different ones; HH {@code RepoFolder.tree_id} and HJ
 * {@code ListFileEntry.oid} only pass it on). Never {@code xetHash}.
 */
@Service
class HubTree {

    private final RevisionReads reads;
    private final GitBlobIds gitIds;

    HubTree(RevisionReads reads, GitBlobIds gitIds) {
        this.reads = reads;
        this.gitIds = gitIds;
    }

    /** An entry's LFS part: the sha256, the size in bytes, the pointer file's size in bytes. */
    record Lfs(String oid, long size, int pointerSize) {
    }

    /** The commit that last changed an entry ({@code expand=true}): id, message title, ISO date. */
    record LastCommit(String id, String title, Instant date) {
    }

    /** One entry as the Hub lists it; {@code type} {@code file} or {@code directory}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(String type, String oid, long size, String path, Lfs lfs, LastCommit lastCommit) {
    }

    /** A page of entries and the cursor of the next page (null on the last). */
    record Page(List<Item> items, String cursor) {
    }

    Item item(TreeEntry e, boolean expand) {
        LastCommit last = expand ? new LastCommit(e.commit(), title(e.lastModifiedInformation()), e.lastModified()) : null;
        if (e.folder()) {
            return new Item("directory", e.treeId(), 0, e.path(), null, last);
        }
        if (HubLfs.isLfs(e.size())) {
            return new Item("file", HubLfs.pointerOid(e.sha256(), e.size()), e.size(), e.path(),
                    new Lfs(e.sha256(), e.size(), HubLfs.pointerSize(e.sha256(), e.size())), last);
        }
        return new Item("file", gitIds.of(e.sha256(), e.size()), e.size(), e.path(), null, last);
    }

    /** The first line of a commit message. */
    static String title(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /**
     * The entries at these paths (files or folders); paths with nothing are left out, as the
     * Hub's {@code paths-info} does.
     */
    List<Item> paths(RepoAccess.Snapshot at, List<String> paths, boolean expand) {
        List<Item> items = new ArrayList<>();
        for (String raw : paths) {
            String path = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
            Optional<TreeEntry> e = path.isEmpty() ? Optional.empty() : reads.entry(at, RepoPath.of(path));
            e.ifPresent(entry -> items.add(item(entry, expand)));
        }
        return items;
    }

    /**
     * One page of a folder's listing.
     *
     * @param folder    the folder ({@link RepoPath#ROOT} for the root)
     * @param recursive false: its direct entries; true: everything below it, depth first, each
     *                  folder listed before its content
     * @param cursor    the previous page's cursor, or null
     * @throws HubException 404 {@code EntryNotFound} when there is no such folder
     */
    Page list(RepoAccess.Snapshot at, RepoPath folder, boolean recursive, boolean expand, String cursor, int limit) {
        String commit = at.commit() == null ? null : at.commit().id();
        if (!folder.isRoot() && reads.entry(at, folder).filter(TreeEntry::folder).isEmpty()) {
            throw HubException.entryNotFound(folder.toString(), commit);
        }
        try {
            if (!recursive) {
                RevisionReads.TreePage page = reads.tree(at, folder, cursor, limit);
                return new Page(page.entries().stream().map(e -> item(e, expand)).toList(), page.cursor());
            }
            return walk(at, folder, cursor, limit, expand);
        } catch (NoSuchItemException e) {
            throw HubException.entryNotFound(folder.toString(), commit);
        }
    }

    /**
     * Depth-first from where the cursor (the last path listed) left off: a stack of folders
     * being listed, each with the content cursor after the entry last taken from it.
     */
    private Page walk(RepoAccess.Snapshot at, RepoPath top, String cursor, int limit, boolean expand) {
        Deque<Frame> stack = resume(top, cursor);
        List<Item> items = new ArrayList<>();
        TreeEntry last = null;
        while (!stack.isEmpty() && items.size() < limit) {
            Frame frame = stack.peek();
            RevisionReads.TreePage page = reads.tree(at, frame.folder, frame.after, limit - items.size());
            if (page.entries().isEmpty()) {
                stack.pop();
                continue;
            }
            for (TreeEntry e : page.entries()) {
                items.add(item(e, expand));
                last = e;
                frame.after = RevisionReads.cursorAfter(e);
                if (e.folder()) {
                    stack.push(new Frame(RepoPath.of(e.path()), null));
                    break;
                }
            }
            if (page.cursor() == null && !(last != null && last.folder() && stack.peek().folder.toString().equals(last.path()))) {
                stack.pop();
            }
        }
        boolean more = !stack.isEmpty();
        return new Page(items, more && last != null ? encode(last) : null);
    }

    private static final class Frame {
        final RepoPath folder;
        String after;

        Frame(RepoPath folder, String after) {
            this.folder = folder;
            this.after = after;
        }
    }

    /** The stack that continues after the cursor's path: its folder's frames up to {@code top}. */
    private static Deque<Frame> resume(RepoPath top, String cursor) {
        Deque<Frame> stack = new ArrayDeque<>();
        if (cursor == null || cursor.isEmpty()) {
            stack.push(new Frame(top, null));
            return stack;
        }
        Last last = decode(cursor);
        RepoPath path = RepoPath.of(last.path);
        if (!path.isBelow(top)) {
            throw new BadRequestException("cursor is not one this server gave out");
        }
        List<RepoPath> chain = new ArrayList<>();
        for (RepoPath p = path; !p.equals(top); p = p.parent()) {
            chain.add(p);
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            RepoPath p = chain.get(i);
            boolean folder = i > 0 || last.folder;
            stack.push(new Frame(p.parent(), RevisionReads.cursorAfter(new TreeEntry(p.toString(), folder, null, 0, null, null, null))));
        }
        if (last.folder) {
            stack.push(new Frame(path, null));
        }
        return stack;
    }

    private record Last(String path, boolean folder) {
    }

    private static String encode(TreeEntry last) {
        String raw = (last.folder() ? "d:" : "f:") + last.path();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Last decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (raw.length() < 3 || raw.charAt(1) != ':' || (raw.charAt(0) != 'd' && raw.charAt(0) != 'f')) {
                throw new IllegalArgumentException(raw);
            }
            return new Last(raw.substring(2), raw.charAt(0) == 'd');
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("cursor is not one this server gave out");
        }
    }
}
