package io.modellibrary.files;

import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.NoSuchItemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TreeEditTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final TreeEntry.Stamp FIRST = new TreeEntry.Stamp("1".repeat(40), Instant.parse("2024-01-01T00:00:00Z"), "first");
    private static final TreeEntry.Stamp SECOND = new TreeEntry.Stamp("2".repeat(40), Instant.parse("2024-01-02T00:00:00Z"), "second");

    private static Tree firstTree() {
        TreeEdit edit = new TreeEdit(Tree.EMPTY, FIRST);
        edit.put(RepoPath.of("README.md"), A, 10);
        edit.put(RepoPath.of("weights/a/one.bin"), A, 10);
        edit.put(RepoPath.of("weights/two.bin"), B, 20);
        return edit.result();
    }

    @Test
    void puttingAFileCreatesItsFoldersStampedWithTheCommit() {
        Tree tree = firstTree();
        assertThat(tree.children(RepoPath.ROOT)).extracting(TreeEntry::path).containsExactly("README.md", "weights");
        assertThat(tree.children(RepoPath.of("weights"))).extracting(TreeEntry::path).containsExactly("weights/a", "weights/two.bin");
        assertThat(tree.find(RepoPath.of("weights/a")).orElseThrow().folder()).isTrue();
        assertThat(tree.file(RepoPath.of("weights/two.bin")).lastModifiedInformation()).isEqualTo("first");
    }

    @Test
    void aChangeRestampsTheFoldersAboveItOnly() {
        TreeEdit edit = new TreeEdit(firstTree(), SECOND);
        edit.put(RepoPath.of("weights/a/one.bin"), B, 5);
        Tree tree = edit.result();
        assertThat(tree.find(RepoPath.of("weights")).orElseThrow().commit()).isEqualTo(SECOND.commit());
        assertThat(tree.find(RepoPath.of("weights/a")).orElseThrow().lastModified()).isEqualTo(SECOND.time());
        assertThat(tree.file(RepoPath.of("weights/two.bin")).commit()).isEqualTo(FIRST.commit());
        assertThat(tree.file(RepoPath.of("README.md")).commit()).isEqualTo(FIRST.commit());
        assertThat(edit.changes()).containsExactly(new Change(Change.Op.MODIFY, "weights/a/one.bin", A, 10, B, 5));
    }

    @Test
    void deletingAFolderDeletesEverythingInItAndEmptyParents() {
        TreeEdit edit = new TreeEdit(firstTree(), SECOND);
        edit.delete(RepoPath.of("weights/a"));
        Tree tree = edit.result();
        assertThat(tree.find(RepoPath.of("weights/a/one.bin"))).isEmpty();
        assertThat(tree.find(RepoPath.of("weights/a"))).isEmpty();
        assertThat(tree.find(RepoPath.of("weights")).orElseThrow().commit()).isEqualTo(SECOND.commit());
        assertThat(edit.changes()).extracting(Change::op, Change::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Change.Op.DELETE, "weights/a/one.bin"));

        TreeEdit last = new TreeEdit(tree, SECOND);
        last.delete(RepoPath.of("weights/two.bin"));
        assertThat(last.result().children(RepoPath.ROOT)).extracting(TreeEntry::path).containsExactly("README.md");
    }

    @Test
    void anUnchangedFileKeepsItsStamp() {
        TreeEdit edit = new TreeEdit(firstTree(), SECOND);
        edit.put(RepoPath.of("README.md"), A, 10);
        assertThat(edit.changes()).isEmpty();
        assertThat(edit.result().file(RepoPath.of("README.md")).commit()).isEqualTo(FIRST.commit());
    }

    @Test
    void refusesAFileWhereAFolderIsAndTheOtherWayRound() {
        TreeEdit edit = new TreeEdit(firstTree(), SECOND);
        assertThatThrownBy(() -> edit.put(RepoPath.of("weights"), A, 1)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> edit.put(RepoPath.of("README.md/x"), A, 1)).isInstanceOf(BadRequestException.class);
    }

    @Test
    void deletingSomethingAbsentIsNoSuchItem() {
        TreeEdit edit = new TreeEdit(firstTree(), SECOND);
        assertThatThrownBy(() -> edit.delete(RepoPath.of("nope"))).isInstanceOf(NoSuchItemException.class);
    }

    @Test
    void aSiblingWithACommonPrefixIsNotInsideTheFolder() {
        TreeEdit edit = new TreeEdit(Tree.EMPTY, FIRST);
        edit.put(RepoPath.of("a/x"), A, 1);
        edit.put(RepoPath.of("a-b/y"), A, 1);
        edit.put(RepoPath.of("a.b"), A, 1);
        edit.delete(RepoPath.of("a"));
        assertThat(edit.result().entries()).extracting(TreeEntry::path).containsExactly("a-b", "a-b/y", "a.b");
    }
}
