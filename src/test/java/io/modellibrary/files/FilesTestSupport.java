package io.modellibrary.files;

import io.modellibrary.security.CurrentUser;
import io.modellibrary.support.MutableClock;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Small helpers shared by the full-stack file tests: signed-in callers, uploads, reads. */
final class FilesTestSupport {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    private FilesTestSupport() {
    }

    static RequestPostProcessor as(String username) {
        return authentication(new UsernamePasswordAuthenticationToken(
                new CurrentUser("id-" + username, username, null), null, List.of()));
    }

    static RequestPostProcessor alice() {
        return as("alice");
    }

    static RequestPostProcessor bob() {
        return as("bob");
    }

    /** A repository name no other test uses, in alice's namespace. */
    static String uniqueName(String stem) {
        return "alice/" + stem + "-" + SEQUENCE.incrementAndGet();
    }

    static ResultActions upload(MockMvc mvc, RequestPostProcessor who, MultipartBody body) throws Exception {
        return mvc.perform(post("/api/files").contentType(MultipartBody.contentType()).content(body.build()).with(who));
    }

    static JsonNode json(MvcResult result) throws Exception {
        return JSON.readTree(result.getResponse().getContentAsString());
    }

    static JsonNode table(MockMvc mvc, String name, String path) throws Exception {
        return json(mvc.perform(get("/api/filesTable").param("name", name).param("path", path).with(alice())).andReturn())
                .path("data").path("filesTable");
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static byte[] bytes(int size, int seed) {
        byte[] b = new byte[size];
        new java.util.SplittableRandom(seed).nextBytes(b);
        return b;
    }

    /** How many blobs the store holds (temporary files included). */
    static long blobFiles(java.nio.file.Path dataDir) throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dataDir.resolve("blobs"))) {
            return files.filter(java.nio.file.Files::isRegularFile).count();
        }
    }

    /** Longer than the lease the lease tests set ({@code modellibrary.storage.lease=300ms}). */
    static final java.time.Duration LEASE_AND_THEN_SOME = java.time.Duration.ofMillis(400);

    /**
     * Runs one whole collection once the leases of the uploads so far have run out: moves
     * the clock past them (tests set {@code modellibrary.storage.lease} to a few hundred ms
     * and the grace period to 0).
     */
    static int collectOnceLeasesExpired(io.modellibrary.blob.BlobCollector collector, MutableClock clock) {
        clock.advance(LEASE_AND_THEN_SOME);
        return collector.collectNow();
    }

    /** How many commits alice sees in the repository's history. */
    static int commitCount(MockMvc mvc, String name) throws Exception {
        return json(mvc.perform(get("/api/commits").param("name", name).with(alice())).andReturn()).at("/data/list").size();
    }
}
