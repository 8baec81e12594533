package io.modellibrary.versioning;

import io.modellibrary.blob.BlobIndex;
import io.modellibrary.blob.DiskBlobStore;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.OwnDataDirectory;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data in the format before trees (every commit holding its whole tree, heads keyed by
 * repository id), built here document by document, converts: old ids resolve, every file at
 * every commit has the same bytes, and a conversion stopped half-way finishes when run again.
 */
@EmptyCatalogueTest
@OwnDataDirectory // the conversion walks every blob file in the store
class LegacyConversionTest {

    @Autowired
    LegacyConversion conversion;
    @Autowired
    Versions versions;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    DiskBlobStore store;
    @Autowired
    BlobIndex index;

    private final List<String> ids = new ArrayList<>();
    private final List<Map<String, String>> trees = new ArrayList<>();

    @Test
    void oldCommitsConvertKeepingTheirIdsAndBytesAndAStoppedConversionResumes() throws Exception {
        String repoId = "0123456789abcdef01234567";
        Map<String, String> files = new TreeMap<>();
        for (int c = 0; c < 4; c++) {
            files.put("README.md", blob("readme version " + c));
            files.put("weights/part-" + c + ".bin", blob("part " + c));
            for (int i = 0; i < 150 && c == 2; i++) {
                files.put("images/img-" + i + ".txt", blob("image " + i)); // a folder large enough for pages
            }
            if (c == 3) {
                files.remove("weights/part-0.bin");
            }
            writeOldCommit(repoId, c, files);
        }
        mongo.getCollection("refs").insertOne(new Document("_id", repoId).append("head", ids.get(3)).append("version", 4L));
        String orphan = blob("an upload that died in the old version");
        mongo.getCollection(LegacyConversion.MIGRATIONS).deleteMany(new Document());

        assertThat(conversion.run(2)).as("stopped after two commits").isFalse();
        assertThat(conversion.run(Integer.MAX_VALUE)).isTrue();
        assertThat(conversion.run(Integer.MAX_VALUE)).as("nothing left to do").isTrue();

        assertThat(versions.resolve(repoId, "main").orElseThrow().id()).isEqualTo(ids.get(3));
        for (int c = 0; c < 4; c++) {
            CommitDoc commit = versions.resolve(repoId, ids.get(c)).orElseThrow();
            assertThat(commit.parent()).isEqualTo(c == 0 ? null : ids.get(c - 1));
            for (Map.Entry<String, String> f : trees.get(c).entrySet()) {
                Entry entry = versions.find(commit, f.getKey()).orElseThrow();
                assertThat(entry.id()).isEqualTo(f.getValue());
                assertThat(sha256(Files.readAllBytes(store.path(entry.id())))).isEqualTo(f.getValue());
            }
            if (c < 2) {
                assertThat(versions.find(commit, "images")).isEmpty();
                continue;
            }
            int listed = 0;
            for (Entry e = null; ; ) {
                Versions.Listing page = versions.list(commit, "images", e, 100);
                listed += page.entries().size();
                if ((e = page.next()) == null) {
                    break;
                }
            }
            assertThat(listed).isEqualTo(150);
        }
        assertThat(mongo.getCollection("commits").countDocuments(new Document("tree", new Document("$exists", true)))).isZero();
        assertThat(index.isIndexed(files.get("README.md"))).isTrue();
        assertThat(mongo.getCollection("gcCandidates").countDocuments(new Document("shas", orphan))).isEqualTo(1);
    }

    private void writeOldCommit(String repoId, int c, Map<String, String> files) {
        String id = String.format("%040x", 1000 + c);
        List<Document> tree = new ArrayList<>();
        Map<String, Boolean> folders = new LinkedHashMap<>();
        files.forEach((path, sha) -> {
            tree.add(new Document("path", path).append("folder", false).append("sha256", sha).append("size", 10L)
                    .append("commit", id).append("lastModified", new Date()).append("lastModifiedInformation", "m" + c));
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                folders.put(path.substring(0, slash), true);
            }
        });
        folders.keySet().forEach(f -> tree.add(new Document("path", f).append("folder", true).append("commit", id)));
        List<Document> changes = List.of(new Document("op", "MODIFY").append("path", "README.md")
                .append("oldSha256", "x").append("oldSize", 1L).append("newSha256", files.get("README.md")).append("newSize", 10L));
        mongo.getCollection("commits").insertOne(new Document("_id", id).append("repoId", repoId)
                .append("parent", c == 0 ? null : ids.get(c - 1)).append("seq", (long) c + 1).append("message", "commit " + c)
                .append("author", "alice").append("time", new Date()).append("changes", changes).append("tree", tree));
        ids.add(id);
        trees.add(new TreeMap<>(files));
    }

    private String blob(String text) throws Exception {
        DiskBlobStore.Staged staged = store.stage(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 1000);
        store.publish(List.of(staged));
        return staged.sha256();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
