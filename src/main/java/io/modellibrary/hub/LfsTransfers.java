package io.modellibrary.hub;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.modellibrary.catalog.Repo;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.common.LfsRoutes;
import io.modellibrary.content.ChosenBlob;
import io.modellibrary.content.LfsDownloads;
import io.modellibrary.content.LfsObjects;
import io.modellibrary.content.RepoAccess;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.security.UrlSigner;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Git LFS batch API and its transfers (docs/hub-api.md §5.2; git-lfs {@code docs/api/batch.md},
 * {@code huggingface_hub lfs.py}, {@code @huggingface/hub lib/commit.ts}).
 *
 * <p>Transfers: {@code multipart} when the client offers it and an object is larger than two
 * parts ({@link #multipartAbove}; parts of {@code modellibrary.files.lfs-part-size}, default 16 MiB),
 * else {@code basic} (also when {@code xet} is offered: never {@code xet}).
 * An object answers without {@code actions} only when it is stored and the caller could read it
 * already: referenced by this repository or another one they may read, or uploaded to this
 * repository before ({@link LfsObjects#alreadyThere}; docs/decisions.md T29). Any other object, stored
 * for another repository or not, gets the {@code upload} action, so that the answer tells nothing
 * of other users' private files. A multipart answer also lists the
 * parts kept from an earlier, interrupted upload of the object to this repository in {@code upload.stored_parts}
 * ({@code [{"partNumber", "etag"}]}, the completion's own shape; an addition of this server that
 * the Hub's clients ignore): a client may skip them and name them in its completion
 * ({@link LfsObjects#storedParts}; kept {@link LfsObjects#PART_AGE} after the last part arrived). Every href is absolute and
 * self-authorising (the clients send the PUTs and the completion without {@code Authorization}):
 * {@code <endpoint>/api/lfs/<repoId>/<oid>[/part/<n>|/complete|/verify]?size=<bytes>&exp=<epoch s>&sig=<sig>}
 * with {@code sig} = {@link UrlSigner} over {@code lfs/v1|<repoId>|<oid>|<size>|<exp>|<part>}
 * ({@code part} = {@code basic}, the part number, {@code complete}, {@code verify} or {@code download}); valid for
 * {@link #URL_LIFETIME}.
 *
 * <p>Downloads: a {@code download} batch answers, for each object the repository references, a
 * {@code download} action whose href is a GET of {@code <endpoint>/api/lfs/<repoId>/<oid>?size=&exp=&sig=}
 * (signed as above, {@code part} = {@code download}: an upload URL never downloads, nor the reverse),
 * the same for anonymous and signed-in callers; for any other object the per-object error 404. Like
 * a presigned store URL, a download URL keeps working for its hour whoever holds it, while the
 * repository exists and references the object.
 */
@Service
class LfsTransfers {

    /** How long the upload URLs of one batch answer are valid. */
    static final Duration URL_LIFETIME = Duration.ofHours(1);
    /** At most this many objects per batch call (HH sends 256, HJ 100). */
    static final int MAX_OBJECTS = 1000;

    private final HubRepoWrites writes;
    private final HubRepos reads;
    private final LfsObjects objects;
    private final LfsDownloads downloadsOf;
    private final UrlSigner signer;

    LfsTransfers(HubRepoWrites writes, HubRepos reads, LfsObjects objects, LfsDownloads downloadsOf, UrlSigner signer) {
        this.writes = writes;
        this.reads = reads;
        this.objects = objects;
        this.downloadsOf = downloadsOf;
        this.signer = signer;
    }

    /** An object of a batch request: sha256 and size in bytes. */
    record LfsObject(String oid, Long size) {
    }

    /**
     * The batch answer's object: no {@code actions} when stored; {@code error} instead for an invalid one.
     * Absent keys are left out, not sent as null: {@code huggingface_hub lfs.py post_lfs_batch_info}
     * treats every object with an {@code "error"} key as an error ({@code "error" in obj}), so
     * {@code "error": null} failed every upload with "lfs_batch_error is improperly formatted".
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ObjectAnswer(String oid, long size, Boolean authenticated, Map<String, Object> actions, Map<String, Object> error) {
    }

    /** The batch answer. */
    record BatchAnswer(String transfer, List<ObjectAnswer> objects, String hash_algo) {
    }

    /**
     * The batch answer for {@code operation}: {@code upload} needs a write credential (401 without
     * one, in the words of the security layer's refusal; 403 for a read-only one), {@code download}
     * only that the caller may read the repository (anonymous callers too, for a public one: git-lfs
     * tries without credentials first, {@code docs/api/http-v1-batch.md} "Authentication"). A
     * repository the caller may not see answers 404 {@code Repository not found}, as a missing one.
     *
     * @throws LfsException 401, 403, 404; 422 for another operation or too many objects; 409 for another hash algorithm
     */
    BatchAnswer batch(HubRepoId id, String operation, List<String> transfers, String hashAlgo, List<LfsObject> requested,
                      String endpoint, CurrentUser user) {
        boolean download = "download".equals(operation);
        if (!download && !"upload".equals(operation)) {
            throw new LfsException(HttpStatus.UNPROCESSABLE_CONTENT, "operation must be upload or download");
        }
        if (!download && user == null) {
            throw new LfsException(HttpStatus.UNAUTHORIZED, LfsRoutes.NO_LOGIN);
        }
        if (!download && !user.mayWrite()) {
            throw new LfsException(HttpStatus.FORBIDDEN, CurrentUser.READ_ONLY_ON_HUB);
        }
        if (hashAlgo != null && !hashAlgo.equals("sha256") && !hashAlgo.equals("sha_256")) {
            throw new LfsException(HttpStatus.CONFLICT, "unsupported hash_algo " + hashAlgo + ": use sha256");
        }
        if (requested == null || requested.size() > MAX_OBJECTS) {
            throw new LfsException(HttpStatus.UNPROCESSABLE_CONTENT, "objects: 1 to " + MAX_OBJECTS + " objects per batch");
        }
        long expires = Instant.now().plus(URL_LIFETIME).getEpochSecond();
        return download ? downloads(repo(id, user, false), requested, expires, endpoint)
                : uploads(repo(id, user, true), user, transfers, requested, expires, endpoint);
    }

    /** The repository, readable or writable by the caller; its refusals in the LFS form (404 for one it may not see). */
    private Repo repo(HubRepoId id, CurrentUser user, boolean write) {
        try {
            return write ? writes.writable(id, user) : reads.readable(id, user);
        } catch (HubException e) {
            throw new LfsException(e.status(), e.getMessage());
        } catch (NoSuchItemException e) {
            throw new LfsException(HttpStatus.NOT_FOUND, HubException.REPO_NOT_FOUND_MESSAGE);
        }
    }

    private BatchAnswer uploads(Repo repo, CurrentUser user, List<String> transfers, List<LfsObject> requested, long expires,
                                String endpoint) {
        boolean multipart = transfers != null && transfers.contains("multipart")
                && requested.stream().anyMatch(o -> o != null && o.size() != null && o.size() > multipartAbove());
        Map<String, Long> valid = new LinkedHashMap<>();
        requested.stream().filter(o -> invalid(o) == null).forEach(o -> valid.putIfAbsent(o.oid(), o.size()));
        Set<String> there = objects.alreadyThere(repo, user, valid);
        List<ObjectAnswer> answers = new ArrayList<>();
        for (LfsObject o : requested) {
            ObjectAnswer invalid = invalid(o);
            boolean stored = invalid == null && there.contains(o.oid()) && valid.get(o.oid()).longValue() == o.size();
            answers.add(invalid != null ? invalid : stored ? new ObjectAnswer(o.oid(), o.size(), true, null, null)
                    : answer(repo.getId(), o.oid(), o.size(), multipart, expires, endpoint));
        }
        return new BatchAnswer(multipart ? "multipart" : "basic", answers, "sha256");
    }

    /**
     * Each object the repository references: a {@code download} action, a signed GET of its bytes
     * ({@code basic} transfer; git-lfs {@code docs/api/basic-transfers.md}); any other: the per-object
     * error 404 {@code Object does not exist} (batch.md "Response Errors" of an object).
     */
    private BatchAnswer downloads(Repo repo, List<LfsObject> requested, long expires, String endpoint) {
        Map<String, Long> valid = new LinkedHashMap<>();
        requested.stream().filter(o -> invalid(o) == null).forEach(o -> valid.put(o.oid(), o.size()));
        Set<String> referenced = downloadsOf.referenced(repo.getId(), valid);
        List<ObjectAnswer> answers = new ArrayList<>();
        for (LfsObject o : requested) {
            ObjectAnswer invalid = invalid(o);
            if (invalid != null) {
                answers.add(invalid);
            } else if (!referenced.contains(o.oid()) || valid.get(o.oid()).longValue() != o.size()) {
                answers.add(new ObjectAnswer(o.oid(), o.size(), null, null, Map.of("code", 404, "message", "Object does not exist")));
            } else {
                String href = endpoint + "/api/lfs/" + repo.getId() + "/" + o.oid() + query(repo.getId(), o.oid(), o.size(), expires, "download");
                answers.add(new ObjectAnswer(o.oid(), o.size(), true,
                        Map.of("download", action(href)), null));
            }
        }
        return new BatchAnswer("basic", answers, "sha256");
    }

    /** The per-object 422 of an object without a sha256 oid and a size, or over the size limit; null for a valid one. */
    private ObjectAnswer invalid(LfsObject o) {
        String oid = o == null ? null : o.oid();
        long size = o == null || o.size() == null ? -1 : o.size();
        if (oid == null || !LfsObjects.OID.matcher(oid).matches() || size < 0) {
            return new ObjectAnswer(oid == null ? "" : oid, Math.max(size, 0), null, null,
                    Map.of("code", 422, "message", "oid must be a sha256 (64 lowercase hex) and size a number of bytes"));
        }
        if (size > objects.maxObjectSize()) {
            return new ObjectAnswer(oid, size, null, null, Map.of("code", 422,
                    "message", "object is larger than the limit of " + objects.maxObjectSize() + " bytes"));
        }
        return null;
    }

    /** The {@code upload} and {@code verify} actions of an object that needs an upload. */
    private ObjectAnswer answer(String repoId, String oid, long size, boolean multipart, long expires, String endpoint) {
        String base = endpoint + "/api/lfs/" + repoId + "/" + oid;
        Map<String, Object> actions = new LinkedHashMap<>();
        if (multipart) {
            Map<String, String> header = new LinkedHashMap<>();
            header.put("chunk_size", Long.toString(objects.partSize()));
            long parts = objects.parts(size);
            for (int n = 1; n <= parts; n++) {
                header.put(String.format("%05d", n), base + "/part/" + n + query(repoId, oid, size, expires, Integer.toString(n)));
            }
            Map<String, Object> upload = action(base + "/complete" + query(repoId, oid, size, expires, "complete"));
            upload.put("header", header);
            upload.put("stored_parts", storedParts(repoId, oid, size));
            actions.put("upload", upload);
        } else {
            actions.put("upload", action(base + query(repoId, oid, size, expires, "basic")));
        }
        actions.put("verify", action(base + "/verify" + query(repoId, oid, size, expires, "verify")));
        return new ObjectAnswer(oid, size, true, actions, null);
    }

    /**
     * An action's {@code href} and {@code expires_in}, in that order every time (a {@code Map.of}
     * ordered them differently from one start to the next, which broke the README's curl recipe
     * reading the {@code href} with {@code sed}).
     */
    private static Map<String, Object> action(String href) {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("href", href);
        action.put("expires_in", URL_LIFETIME.toSeconds());
        return action;
    }

    /**
     * The object a {@code download} action's signed URL names, once its signature and time are
     * checked, while the repository still references it.
     *
     * @throws LfsException 403 for a bad or expired signature, 404 when the repository no longer references it
     */
    ChosenBlob download(String repoId, String oid, long size, long expires, String sig) {
        check(repoId, oid, size, expires, "download", sig);
        try {
            return downloadsOf.object(repoId, oid, size);
        } catch (NoSuchItemException e) {
            throw new LfsException(HttpStatus.NOT_FOUND, "Object does not exist");
        }
    }

    /** {@code basic}: the whole object in one PUT body. */
    void put(String repoId, String oid, long size, long expires, String sig, InputStream body) throws IOException {
        check(repoId, oid, size, expires, "basic", sig);
        objects.store(repoId, oid, size, body);
    }

    /** One part of a multipart upload; answers its ETag. */
    String putPart(String repoId, String oid, long size, long expires, int part, String sig, InputStream body) throws IOException {
        check(repoId, oid, size, expires, Integer.toString(part), sig);
        if (part < 1 || part > objects.parts(size)) {
            throw new LfsException(HttpStatus.UNPROCESSABLE_CONTENT, "no part " + part + " in this object");
        }
        return objects.storePart(repoId, oid, part, objects.partLength(size, part), body);
    }

    /** The completion of a multipart upload: the parts, reassembled, must be the object. */
    void complete(String repoId, String oid, long size, long expires, String sig, String bodyOid,
                  List<LfsObjects.Part> parts) throws IOException {
        check(repoId, oid, size, expires, "complete", sig);
        if (bodyOid != null && !bodyOid.equals(oid)) {
            throw new LfsException(HttpStatus.BAD_REQUEST, "oid " + bodyOid + " is not the object of this URL");
        }
        if (parts == null || parts.size() != objects.parts(size)) {
            throw new LfsException(HttpStatus.BAD_REQUEST, "object " + oid + " has " + objects.parts(size) + " parts");
        }
        objects.complete(repoId, oid, size, parts);
    }

    /**
     * The verify action: 200 when the object was uploaded to this repository and is stored with this
     * size, else 404 (also for one stored for another repository only: {@link LfsObjects#isUploaded}).
     */
    void verify(String repoId, String oid, long size, long expires, String sig, String bodyOid, Long bodySize) {
        check(repoId, oid, size, expires, "verify", sig);
        if ((bodyOid != null && !bodyOid.equals(oid)) || (bodySize != null && bodySize != size)) {
            throw new LfsException(HttpStatus.UNPROCESSABLE_CONTENT, "oid and size must be those of this URL");
        }
        if (!objects.isUploaded(repoId, oid, size)) {
            throw new LfsException(HttpStatus.NOT_FOUND, "object " + oid + " (" + size + " bytes) was not uploaded");
        }
    }

    private void check(String repoId, String oid, long size, long expires, String part, String sig) {
        if (!signer.verify(payload(repoId, oid, size, expires, part), sig)) {
            throw new LfsException(HttpStatus.FORBIDDEN, "invalid transfer URL signature");
        }
        if (Instant.now().getEpochSecond() > expires) {
            throw new LfsException(HttpStatus.FORBIDDEN, "the transfer URL has expired; ask the batch API again");
        }
    }

    private String query(String repoId, String oid, long size, long expires, String part) {
        return "?size=" + size + "&exp=" + expires + "&sig=" + signer.sign(payload(repoId, oid, size, expires, part));
    }

    private static String payload(String repoId, String oid, long size, long expires, String part) {
        return "lfs/v1|" + repoId + "|" + oid + "|" + size + "|" + expires + "|" + part;
    }

    /** Objects larger than this many bytes (two parts: 32 MiB by default) go by multipart when the client offers it. */
    long multipartAbove() {
        return 2 * objects.partSize();
    }

    /** The largest part body, in bytes: the part size. */
    long partSize() {
        return objects.partSize();
    }

    /** The parts of the object kept from an earlier upload; none when they cannot be listed (the client then sends every part). */
    private List<LfsObjects.Part> storedParts(String repoId, String oid, long size) {
        try {
            return objects.storedParts(repoId, oid, size);
        } catch (IOException e) {
            return List.of();
        }
    }
}
