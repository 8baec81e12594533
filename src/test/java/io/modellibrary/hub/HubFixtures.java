package io.modellibrary.hub;

import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.content.CommitResult;
import io.modellibrary.content.RepoAccess;
import io.modellibrary.content.RepoPath;
import io.modellibrary.content.StagedUpload;
import io.modellibrary.content.Uploads;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.support.Accounts;
import org.bson.Document;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.test.web.servlet.MockMvc;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

/**
 * Repositories with files for the Hub tests: created through the API, files committed through
 * the content layer. A Spring test registers it as a field,
 * {@code @RegisterExtension final HubFixtures fixtures = new HubFixtures();}, and it takes what
 * it needs from the test's application context before each test. Not a bean: a test class
 * importing one would no longer share the cached context of the others.
 */
class HubFixtures implements BeforeEachCallback {

    private MockMvc mvc;
    private MongoTemplate mongo;
    private RepoAccess access;
    private Uploads uploads;
    private Accounts accounts;

    @Override
    public void beforeEach(ExtensionContext context) {
        ApplicationContext spring = SpringExtension.getApplicationContext(context);
        mvc = spring.getBean(MockMvc.class);
        mongo = spring.getBean(MongoTemplate.class);
        access = spring.getBean(RepoAccess.class);
        uploads = spring.getBean(Uploads.class);
        accounts = spring.getBean(Accounts.class);
    }

    /** A model {@code bert} of a new user, its files committed on {@code main}. */
    record Published(Accounts.SignedIn owner, String id, String commit) {
    }

    /**
     * Signs up a user named after {@code ownerPrefix}, who creates the model {@code bert} and
     * commits the files to its {@code main} with {@code message}.
     */
    Published bert(String ownerPrefix, boolean isPrivate, String message, Map<String, byte[]> files) throws Exception {
        Accounts.SignedIn owner = accounts.signUp(ownerPrefix);
        create(owner, RepoType.MODEL, "bert", isPrivate);
        String commit = commit(owner, RepoType.MODEL, "bert", "main", message, files);
        return new Published(owner, owner.username() + "/bert", commit);
    }

    /** Creates {@code owner/name} of the type, public or private. */
    void create(Accounts.SignedIn owner, RepoType type, String name, boolean isPrivate) throws Exception {
        mvc.perform(post("/api/" + type.id()).with(owner.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + owner.username() + "/" + name + "\",\"isPrivate\":" + isPrivate + "}"))
                .andExpect(jsonPath("$.msg").value("success"));
    }

    /** One commit on {@code branch} putting each path's bytes; answers the commit id. */
    String commit(Accounts.SignedIn owner, RepoType type, String name, String branch, String message,
                  Map<String, byte[]> files) throws Exception {
        CurrentUser user = user(owner);
        Repo repo = access.writable(type, owner.username() + "/" + name, user);
        try (StagedUpload upload = uploads.open()) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                upload.add(RepoPath.of(file.getKey()), new ByteArrayInputStream(file.getValue()));
            }
            CommitResult result = upload.commit(repo, branch, user, message, null, List.of());
            return result.commit().id();
        }
    }

    CurrentUser user(Accounts.SignedIn who) {
        Document user = mongo.findOne(Query.query(Criteria.where("username").is(who.username())), Document.class, "users");
        return new CurrentUser(user.get("_id").toString(), who.username(), null);
    }

    static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** git hash-object: sha1 of {@code "blob <n>\0"} and the bytes. */
    static String gitSha1(byte[] bytes) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha1.digest(bytes));
    }
}
