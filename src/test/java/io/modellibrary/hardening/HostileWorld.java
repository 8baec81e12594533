package io.modellibrary.hardening;

import io.modellibrary.hardening.RawHttp.Answer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the hostile-input suite aims at, made over HTTP as a user would: an owner with an
 * organisation, public and private models and a dataset with files, a tag and a branch; victim
 * repositories that destructive operations target; a second user; the web pages' CSRF pair.
 * {@link #restore()} puts back what an accepted write may have changed.
 */
final class HostileWorld {

    static final String PASSWORD = "correct horse battery staple";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    static final List<String> FILES = List.of("README.md", "config.json", "sub/a.txt");

    /** A repository of the world: its type ({@code model}, {@code dataset}), namespace and name. */
    record Repo(String type, String namespace, String name) {
        String full() {
            return namespace + "/" + name;
        }

        String hubType() {
            return type + "s";
        }
    }

    private final RawHttp http;
    final String owner;
    final String ownerToken;
    final String stranger;
    final String org;
    final Repo publicModel;
    final Repo privateModel;
    final Repo dataset;
    final Repo victimModel;
    final Repo victimDataset;
    /** The web pages' CSRF cookie value and the masked token an anonymous form sends with it. */
    final String csrfCookie;
    final String csrfField;
    /** The masked token of the owner's session ({@link #ownerToken} as the session cookie): a signed-in form's. */
    final String ownerCsrfField;
    String head;

    HostileWorld(RawHttp http) throws IOException {
        this.http = http;
        int n = SEQUENCE.incrementAndGet();
        owner = "hostile-owner-" + n;
        stranger = "hostile-stranger-" + n;
        ownerToken = register(owner);
        register(stranger);
        org = "hostile-org-" + n;
        expect(post("/api/orgs", "{\"name\":\"" + org + "\"}", ownerToken), "create organisation");
        publicModel = new Repo("model", owner, "pub");
        privateModel = new Repo("model", owner, "priv");
        dataset = new Repo("dataset", owner, "data");
        victimModel = new Repo("model", owner, "victim");
        victimDataset = new Repo("dataset", owner, "victim-data");
        restore();
        Answer login = http.send("GET /login HTTP/1.1", null);
        Matcher cookie = Pattern.compile("XSRF-TOKEN=([^;]+)").matcher(login.header("set-cookie"));
        Matcher field = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login.text());
        csrfCookie = cookie.find() ? cookie.group(1) : "";
        csrfField = field.find() ? field.group(1) : "";
        Matcher owned = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(http.send("GET /new HTTP/1.1\r\nCookie: ml_session=" + ownerToken, null).text());
        ownerCsrfField = owned.find() ? owned.group(1) : "";
    }

    /** The masked tokens of the disposable users' sessions, by session cookie. */
    private final java.util.Map<String, String> sessionCsrfFields = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The masked CSRF token a page's form sends with the session cookie {@code credential} (null:
     * anonymous): a signed-in page's token is derived from its session (S21), so a disposable user's
     * is read from a page of that session the first time it is asked for.
     */
    String csrfField(String credential) {
        if (credential == null) {
            return csrfField;
        }
        return ownerToken.equals(credential) ? ownerCsrfField : sessionCsrfFields.computeIfAbsent(credential, session -> {
            try {
                Matcher field = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                        .matcher(http.send("GET /new HTTP/1.1\r\nCookie: ml_session=" + session, null).text());
                return field.find() ? field.group(1) : "";
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Every repository exists with its files, the public model has tag {@code v1} and branch {@code dev}; {@link #head} is its head commit. */
    void restore() throws IOException {
        for (Repo repo : List.of(publicModel, privateModel, dataset, victimModel, victimDataset)) {
            post("/api/" + repo.type(), "{\"name\":\"" + repo.full() + "\",\"isPrivate\":" + (repo == privateModel) + "}", ownerToken);
            // the three files in one upload, one commit (three text edits, three commits, before:
            // the restore after each accepted write was a seventh of the suite's time; issue 16)
            String boundary = "worldfiles";
            StringBuilder files = new StringBuilder(part(boundary, "name", repo.full()) + part(boundary, "type", repo.type()));
            for (String file : FILES) {
                files.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                        .append(file).append("\"\r\nContent-Type: text/plain\r\n\r\nprobe ").append(file).append("\r\n");
            }
            files.append("--").append(boundary).append("--\r\n");
            Answer written = http.send("POST /api/files HTTP/1.1\r\nAuthorization: Bearer " + ownerToken
                    + "\r\nContent-Type: multipart/form-data; boundary=" + boundary, bytes(files.toString()));
            expect(written, "write " + FILES);
            if (!"success".equals(json(written).path("msg").asString(""))) {
                throw new IllegalStateException("write " + FILES + " to " + repo.full() + ": " + written.text());
            }
            for (String[] ref : new String[][]{{"tag", "v1"}, {"branch", "dev"}}) {
                post("/api/refs", JSON.createObjectNode().put("name", repo.full()).put("type", repo.type()).put("ref", ref[0])
                        .put("refName", ref[1]).put("revision", "main").toString(), ownerToken);
            }
        }
        // The organisation holds a repository, so that DELETE /api/orgs/{org} and its page's form are refused
        // (409) whatever the hostile values: the organisation the other operations name stays.
        post("/api/model", "{\"name\":\"" + org + "/held\",\"isPrivate\":true}", ownerToken);
        Answer commits = http.send("GET /api/commits?name=" + enc(publicModel.full()) + " HTTP/1.1\r\nAuthorization: Bearer " + ownerToken, null);
        head = JSON.readTree(commits.text()).at("/data/list/0/id").asString();
    }

    /** A new user of its own (for the account operations, which end sessions or change passwords): its session token. */
    String disposableUser() throws IOException {
        return register("hostile-self-" + SEQUENCE.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36));
    }

    private String register(String username) throws IOException {
        String boundary = "worldboundary";
        String body = part(boundary, "username", username) + part(boundary, "password", PASSWORD) + "--" + boundary + "--\r\n";
        Answer answer = http.send("POST /api/register/submitUserInfo HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=" + boundary,
                bytes(body));
        String token = answer.header("authorization");
        if (token.isEmpty()) {
            throw new IllegalStateException("registration of " + username + " failed: " + answer.status() + " " + answer.text());
        }
        return token;
    }

    private static String part(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private Answer post(String path, String json, String token) throws IOException {
        return http.send("POST " + path + " HTTP/1.1\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/json", bytes(json));
    }

    private static void expect(Answer answer, String what) {
        if (answer.status() != 200) {
            throw new IllegalStateException(what + ": " + answer.status() + " " + answer.text());
        }
    }

    static JsonNode json(Answer answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (RuntimeException e) {
            return JSON.createObjectNode();
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
