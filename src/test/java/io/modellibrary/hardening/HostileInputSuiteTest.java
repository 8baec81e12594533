package io.modellibrary.hardening;

import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.hardening.HostileRequests.Face;
import io.modellibrary.hardening.HostileRequests.Operation;
import io.modellibrary.hardening.HostileRequests.Place;
import io.modellibrary.hardening.HostileRequests.Slot;
import io.modellibrary.hardening.HostileWorld.Repo;
import io.modellibrary.hardening.RawHttp.Answer;
import io.modellibrary.support.ApiOperations;
import io.modellibrary.support.ContainerDatabase;
import io.modellibrary.support.OwnDataDirectory;
import io.modellibrary.support.Property;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input suite (the hardening issue): generated on the project's own property harness
 * ({@link Property}: seeded tries, greedy shrinking), over every path variable, query parameter,
 * JSON body field and form part of every operation of {@code /v3/api-docs} (read at run time, so a
 * new endpoint is covered by default) and of every web page ({@link HostileRequests#WEB_PAGES},
 * checked against the handler mappings): NoSQL operators, regex bombs, traversal in every encoding,
 * huge and deep values, wrong types, invalid UTF-8, control characters, malformed multipart and
 * bogus {@code Range}, sent over a real socket as the owner and anonymously. For every case: no 5xx;
 * a refusal in the face's error form; a 2xx only where the value may be taken (a read, free text);
 * nothing stored by a refused write (every collection's documents and the blob directory, before and
 * after each batch); {@code /actuator/health} UP after each batch; no ERROR line in the log.
 *
 * <p>The run's seed is printed; {@code -Dproperty.seed=<seed>} replays it. {@code -Dhostile.tries=<n>}
 * sets the tries per (operation, input, caller) batch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "modellibrary.demo-data=false")
@Import(ContainerDatabase.class)
@OwnDataDirectory
@ExtendWith(OutputCaptureExtension.class)
class HostileInputSuiteTest {

    /** Fields whose every value is acceptable text: a hostile string there may be stored, as the user wrote it. */
    private static final Set<String> FREE_TEXT = Set.of("message", "description", "content", "team", "gitIgnore", "gitAttributes",
            "password", "newPassword", "currentPassword", "next");
    /** What Spring reads as a boolean request parameter (StringToBooleanConverter): a page's like button takes any of them. */
    private static final Set<String> SPRING_BOOLEANS = Set.of("true", "false", "on", "off", "yes", "no", "1", "0");
    /**
     * Fields that name a branch or tag: a value that is a usable ref name ({@link Hostile#isUsableRefName}) may be stored;
     * a revision so named may be a branch another case created ("NaN" as a branch, then a restore at "NaN": seed -225471440619258767).
     */
    private static final Set<String> REFS = Set.of("branch", "tag", "refName", "revision");
    /** Fields that name a file or folder: a value that is a usable path ({@link Hostile#isUsablePath}) may be stored. */
    private static final Set<String> PATHS = Set.of("path", "file");
    /** The seed API's business "no" answers: HTTP 200, code 0, data null (docs/http-contract.md#business-no-answers). */
    private static final Set<String> BUSINESS_NO = Set.of("wrong username or password", "user name registered", "item already exists",
            "no such item", "no login");
    /** Mappings that are neither an API operation nor a page: the container's error path and springdoc's own. */
    private static final Set<String> NOT_INPUTS = Set.of("/error", "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/{}",
            "/v3/api-docs.yaml/{}", "/swagger-ui.html", "/v3/api-docs/swagger-config", "/images", "/images/", "/images/**");

    /**
     * The collector's list of blobs to check ({@code blob.BlobCollector}) and its lease
     * ({@code blob.CollectorLease}, taken and dropped by each background run). A refused write may
     * leave the blob it published before its commit was refused (a text edit at a path that is a
     * folder: seed 262610443012031204): that blob is listed here, and the collector removes it after
     * its grace period unless a commit names it. The blob files so listed, in a batch no commit
     * claims, that no repository references, are left out of the comparison on both sides ({@link #stored}); every other blob file is compared.
     */
    private static final Set<String> COLLECTOR_BOOKKEEPING = Set.of("gcCandidates", "leases");

    /** Collections up to this size are compared document by document, larger ones by their count. */
    private static final int HASHED_UP_TO = 200;

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    ModelLibraryProperties properties;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final Map<String, Integer> perCategoryAndFace = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final Map<String, Long> millis = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.atomic.AtomicInteger passed = new java.util.concurrent.atomic.AtomicInteger();
    /**
     * The pages' forms of which at least one signed-in case got past the CSRF check: a form the
     * suite sends its token wrongly for is refused whatever its values, and so never fuzzed (the
     * multipart forms' token once went in a header the server does not read, and a disposable
     * user's forms carried the anonymous token, not its session's: docs/decisions.md S21-S23).
     */
    private final Set<String> pastCsrfCheck = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** {@link #stored} after the last write batch, while nothing has changed the store since; null otherwise. */
    private Map<String, String> lastStored;

    @Test
    void everyHandlerMappingIsAnOperationOfTheApiDocumentOrAListedWebPage() throws IOException {
        Set<String> documented = new TreeSet<>();
        apiOperations().forEach(op -> documented.add(op.toString()));
        HostileRequests.WEB_PAGES.forEach(op -> documented.add(op.toString()));
        Set<String> shapes = new TreeSet<>();
        documented.forEach(d -> shapes.add(d.replaceAll("\\{[^}]*}", "{}")));
        Set<String> uncovered = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            Set<String> methods = new TreeSet<>();
            info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
            if (methods.isEmpty()) {
                methods.addAll(List.of("GET", "POST"));
            }
            for (String pattern : info.getPatternValues()) {
                List<String> spellings = spellings(pattern);
                if (NOT_INPUTS.contains(spellings.get(0)) || pattern.startsWith("/swagger-ui")) {
                    continue;
                }
                for (String method : methods) {
                    if (spellings.stream().noneMatch(p -> shapes.contains(method + " " + p))) {
                        uncovered.add(method + " " + pattern);
                    }
                }
            }
        });
        assertThat(uncovered).as("endpoints the hostile-input suite does not reach: document them in /v3/api-docs "
                + "or list the page in HostileRequests.WEB_PAGES").isEmpty();
    }

    /** A mapping's pattern as the API document may spell it: variables as {@code {}}, and a variable of literal alternatives ({@code {type:model|dataset}}) also as each literal. */
    private static List<String> spellings(String pattern) {
        java.util.regex.Matcher variable = VARIABLE.matcher(pattern);
        if (!variable.find()) {
            return List.of(pattern);
        }
        String before = pattern.substring(0, variable.start());
        List<String> rest = spellings(pattern.substring(variable.end()));
        List<String> options = new ArrayList<>(List.of("{}"));
        String constraint = variable.group(1);
        if (constraint != null && constraint.matches("[A-Za-z0-9-]+(\\|[A-Za-z0-9-]+)*")) {
            options.addAll(List.of(constraint.split("\\|")));
        }
        List<String> all = new ArrayList<>();
        for (String option : options) {
            rest.forEach(r -> all.add(before + option + r));
        }
        return all;
    }

    /** A path variable with an optional regular expression holding at most one level of braces ({@code {org:[a-z]{1,40}}}). */
    private static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("\\{\\*?\\w+(?::((?:[^{}]|\\{[^{}]*})*))?}");

    @Test
    void hostileInputIsRefusedInEachFacesFormWithNothingStoredAndTheServerHealthy(CapturedOutput output) throws Exception {
        long seed = Property.runSeed();
        int tries = Integer.getInteger("hostile.tries", 5);
        System.out.println("Hostile-input suite: seed " + seed + " (replay: -D" + Property.SEED + "=" + seed + "), " + tries + " tries a batch");
        RawHttp http = new RawHttp(port);
        HostileWorld world = new HostileWorld(http);
        HostileRequests requests = new HostileRequests(world);
        List<Operation> operations = new ArrayList<>(apiOperations().stream().map(HostileRequests::of).toList());
        operations.addAll(HostileRequests.WEB_PAGES);
        Map<String, Integer> casesPerOperation = new java.util.concurrent.ConcurrentSkipListMap<>();
        // Reads store nothing: their batches run three at a time. Writes one after the other, each
        // between two snapshots of the store that no other batch may move.
        java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(3);
        List<java.util.concurrent.Future<?>> reads = new ArrayList<>();
        for (Operation op : operations) {
            for (Slot slot : HostileRequests.slots(op)) {
                for (boolean owner : new boolean[]{true, false}) {
                    java.util.concurrent.Callable<Void> batch = () -> {
                        int n = batch(http, world, requests, op, slot, owner, seed, tries);
                        casesPerOperation.merge(op.toString(), n, Integer::sum);
                        return null;
                    };
                    if (op.reads()) {
                        reads.add(readers.submit(batch));
                    }
                }
            }
        }
        for (java.util.concurrent.Future<?> read : reads) {
            read.get();
        }
        readers.shutdown();
        for (Operation op : operations.stream().filter(op -> !op.reads()).toList()) {
            for (Slot slot : HostileRequests.slots(op)) {
                for (boolean owner : new boolean[]{true, false}) {
                    casesPerOperation.merge(op.toString(), batch(http, world, requests, op, slot, owner, seed, tries), Integer::sum);
                }
            }
        }
        List<String> errorLines = output.getAll().lines().filter(l -> l.contains(" ERROR ") || l.contains("Unexpected failure")).toList();
        perCategoryAndFace.forEach((key, n) -> System.out.println("  " + key + ": " + n));
        System.out.println("  time (ms): " + millis);
        System.out.println("Hostile-input suite: " + operations.size() + " operations, " + (passed.get() + failures.size()) + " generated cases: "
                + passed + " passed, " + failures.size() + " failed (seed " + seed + ")");
        assertThat(casesPerOperation).as("operations without generated cases").allSatisfy((op, n) -> assertThat(n).as(op).isPositive());
        assertThat(operations).extracting(Operation::toString).containsAll(casesPerOperation.keySet());
        assertThat(failures).as("failed cases (seed " + seed + ")").isEmpty();
        assertThat(pastCsrfCheck).as("page forms with a signed-in case past the CSRF check")
                .containsAll(operations.stream().filter(op -> op.face() == Face.WEB && !op.reads())
                        // a form with no field (sign-out) is fuzzed in its whole body only, which then holds no token
                        .filter(op -> HostileRequests.slots(op).stream().anyMatch(slot -> slot.place() != Place.BODY))
                        .map(Operation::toString).toList());
        assertThat(errorLines).as("ERROR lines in the log").isEmpty();
        assertThat(passed.get()).as("generated cases").isGreaterThanOrEqualTo(10_000);
    }

    /**
     * One (operation, input, caller) batch: {@code tries} cases on the harness, then the store, the health and the world.
     *
     * @return the cases it generated
     */
    private int batch(RawHttp http, HostileWorld world, HostileRequests requests, Operation op, Slot slot, boolean owner,
                       long seed, int tries) throws IOException {
        boolean account = ownAccount(op);
        String credential = !owner ? null : account ? world.disposableUser() : world.ownerToken;
        boolean write = !op.reads();
        long t0 = System.nanoTime();
        // The store as the last write batch left it, unless something moved it since: a disposable
        // user made for this batch, or a restore after accepted values. Writes run one at a time.
        boolean madeUser = owner && account;
        Map<String, String> before = !write ? null : lastStored != null && !madeUser ? lastStored : stored();
        long t1 = System.nanoTime();
        int[] accepted = {0};
        String label = op + " " + slot + (owner ? " as owner" : " anonymously");
        System.out.println("hostile batch: " + label);
        long batchSeed = seed ^ label.hashCode() * 0x9E3779B97F4A7C15L;
        try {
            Property.of(random -> new Case(HostileRequests.draw(slot, op, random), requests.target(op, random)),
                            c -> c.value().shrinks().stream().map(v -> new Case(v, c.repo())).toList())
                    .tries(tries).seed(batchSeed).shrinkingFor(java.time.Duration.ofSeconds(10))
                    .check(c -> {
                        Answer answer = send(http, requests, op, slot, c, credential);
                        if (check(requests, op, slot, c, answer, credential)) {
                            accepted[0]++;
                        }
                    });
            passed.addAndGet(tries);
        } catch (AssertionError e) {
            failures.add(label + " (run seed " + seed + "): " + e.getMessage());
            System.out.println("FAILED " + label + ": " + e.getMessage());
        }
        long t2 = System.nanoTime();
        Answer health = http.send("GET /actuator/health HTTP/1.1", null);
        if (health.status() != 200 || !health.text().contains("\"UP\"")) {
            failures.add(label + ": the server is not healthy after the batch: " + health.status() + " " + health.text());
        }
        if (write) {
            Map<String, String> after = stored();
            lastStored = after;
            if (accepted[0] > 0) {
                lastStored = null;
                long t3 = System.nanoTime();
                world.restore();
                millis.merge("restore", (System.nanoTime() - t3) / 1_000_000, Long::sum);
            }
            if (accepted[0] == 0 && !after.equals(before)) {
                failures.add(label + ": a refused write changed the store: " + difference(before, after));
            } else if (accepted[0] > 0 && !newAccount(op, slot) && !ownAccount(op)) {
                for (String collection : List.of("users", "orgs", "names")) {
                    if (!String.valueOf(before.get(collection)).equals(String.valueOf(after.get(collection)))) {
                        failures.add(label + ": an accepted free-text value changed " + collection);
                    }
                }
            }
        }
        millis.merge("snapshots", (t1 - t0 + System.nanoTime() - t2) / 1_000_000, Long::sum);
        millis.merge("cases", (t2 - t1) / 1_000_000, Long::sum);
        return tries;
    }

    /** One generated case: the hostile value and the repository the other inputs name. */
    private record Case(Hostile value, Repo repo) {
        @Override
        public String toString() {
            return value + " aimed at " + repo.type() + " " + repo.full();
        }
    }

    private static Answer send(RawHttp http, HostileRequests requests, Operation op, Slot slot, Case c, String credential)
            throws IOException {
        byte[][] request = requests.build(op, slot, c.value(), c.repo(), credential);
        return http.send(new String(request[0], java.nio.charset.StandardCharsets.ISO_8859_1), request[1]);
    }

    /**
     * The rules of one case.
     *
     * @return true when the value was accepted (a 2xx that is not a business "no")
     */
    private boolean check(HostileRequests requests, Operation op, Slot slot, Case c, Answer answer, String credential) {
        String key = c.value().category() + " on " + op.face() + (credential == null ? " anonymously" : " as owner");
        perCategoryAndFace.merge(key, 1, Integer::sum);
        int status = answer.status();
        if (op.face() == Face.WEB && credential != null && !(status == 403 && answer.text().contains("without its security token"))) {
            pastCsrfCheck.add(op.toString());
        }
        assertThat(status).as("status, answer %s", shown(answer)).isLessThan(500);
        boolean seedNo = op.face() == Face.SEED && status == 200 && BUSINESS_NO.contains(HostileWorld.json(answer).path("msg").asString(""))
                && HostileWorld.json(answer).path("data").isNull();
        if (status >= 400 && namesNoRoute(op, slot, c.value()) && (op.method().equals("HEAD")
                || HostileWorld.json(answer).path("data").isNull() && HostileWorld.json(answer).has("msg"))) {
            return false; // the URL no longer names the operation's route: an unknown or refused path, in the envelope
        }
        if (status >= 400 || seedNo) {
            assertThat(inFaceForm(op, answer)).as("a %s refusal in the %s error form: %s", status, op.face(), shown(answer)).isTrue();
            return false;
        }
        if (status >= 300 && op.reads()) {
            return false;
        }
        assertThat(status < 300 || op.face() == Face.WEB).as("a redirect from a write: %s", shown(answer)).isTrue();
        String location = answer.header("location").replaceFirst("^http://localhost:" + port + "(?=/)", "");
        assertThat(status < 300 || location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\"))
                .as("a redirect within this site (no open redirect): %s", location).isTrue();
        if (status >= 300 && (location.equals("/login") || location.startsWith("/login?"))) {
            return false; // a form sent without a session: "sign in first", nothing taken
        }
        // a write's 2xx, or a page's redirect after its form was taken: the value was accepted
        boolean inUrl = slot.place() == Place.PATH || slot.place() == Place.QUERY || slot.place() == Place.EXTRA_QUERY;
        boolean text = inUrl || slot.place() == Place.PART || c.value().json()[0] == '"';
        // a file part's name is judged as the multipart parser reads it (a bare " ends it early), the name stored
        Hostile received = slot.place() == Place.PART && slot.name().equals("file")
                ? HostileRequests.fileNameAsRead(c.value()).orElse(c.value()) : c.value().asReceived(inUrl);
        boolean acceptable = op.reads() || freeText(op, slot) || (newAccount(op, slot) || namesAnAccount(op, slot)) && USERNAME.matcher(received.text()).matches()
                || isNewRepoPage(op) && slot.name().equals("name") && REPO_NAME.matcher(received.stripped().text()).matches() || text && PATHS.contains(slot.name()) && received.isUsablePath()
                // a page's form takes a path or ref name without its surrounding white space
                || text && PATHS.contains(slot.name()) && op.face() == Face.WEB && received.stripped().isUsablePath()
                || text && REFS.contains(slot.name()) && op.face() == Face.WEB && received.stripped().isUsableRefName()
                || text && REFS.contains(slot.name()) && received.isUsableRefName()
                || slot.name().equals("like") && SPRING_BOOLEANS.contains(received.text().strip().toLowerCase(java.util.Locale.ROOT)) || requests.fitsType(op, slot, c.value())
                || slot.place() == Place.BODY && c.value().json().length > 0 && c.value().json()[0] == '{' && c.value().category() != Hostile.Category.DEEP
                || slot.place() == Place.BODY && new String(c.value().json(), java.nio.charset.StandardCharsets.UTF_8).equals("null")
                || text && slot.place() != Place.PATH && received.text().isBlank() // a blank field is one left out
                || slot.place() == Place.BODY && HostileRequests.isWellFormedUpload(op, c.value())
                || slot.place() == Place.BODY && op.fields().isEmpty()
                && !"json".equals(op.bodyType()) && !"multipart".equals(op.bodyType());
        assertThat(acceptable).as("a write accepted a hostile value in %s: %s", slot, shown(answer)).isTrue();
        return true;
    }

    /**
     * A sign-up's user name or a new organisation's name: a valid new name (as {@code "NaN"} is)
     * makes an account or an organisation, the intended effect.
     */
    private static boolean newAccount(Operation op, Slot slot) {
        return (op.path().equals("/api/register/submitUserInfo") || op.path().equals("/signup")) && slot.name().equals("username")
                || op.path().equals("/organizations/new") && slot.name().equals("name");
    }

    /** The caller's own account (password, sessions, sign-out, deletion, tokens): run as a disposable user. */
    private static boolean ownAccount(Operation op) {
        return op.path().startsWith("/api/account") || op.path().startsWith("/settings") || op.path().equals("/logout");
    }

    /**
     * A sign-in's or an invitation's user name: a valid name may be an account a sign-up case made
     * earlier with this suite's password (as {@code "0x10"} and {@code "1e309"} are), and signing in
     * as it, or inviting it, is the intended effect.
     */
    private static boolean namesAnAccount(Operation op, Slot slot) {
        return (op.path().equals("/api/login") || op.path().equals("/login")
                || op.path().endsWith("/settings/members/invitations")) && slot.name().equals("username");
    }

    private static final java.util.regex.Pattern USERNAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}");

    /** A new repository's name part as the Hub allows it (huggingface_hub's validate_repo_id): making that repository is the form's intended effect. */
    private static final java.util.regex.Pattern REPO_NAME = java.util.regex.Pattern.compile(
            "(?!.*(--|\\.\\.))[A-Za-z0-9_]([A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?");

    /** The new-repository form ({@code /new}, {@code /new-dataset}): a valid name creates a repository, the intended effect. */
    static boolean isNewRepoPage(Operation op) {
        return op.face() == Face.WEB && (op.path().equals("/new") || op.path().equals("/new-dataset"));
    }

    /** Free text: {@link #FREE_TEXT} fields, and an access token's name (a label only its owner reads). */
    private static boolean freeText(Operation op, Slot slot) {
        return FREE_TEXT.contains(slot.name())
                || (op.path().equals("/api/tokens") || op.path().equals("/settings/tokens")) && slot.name().equals("name");
    }

    /**
     * True when the hostile value changes which route the URL names: another word for the Hub's
     * {@code {repoType}} ({@code /api/x/...} is no Hub route), or a pre-encoded path segment the
     * container decodes into more segments or refuses ({@code %2e%2e/}).
     */
    private static boolean namesNoRoute(Operation op, Slot slot, Hostile value) {
        return slot.place() == Place.PATH && (slot.name().equals("repoType") || value.url() != null
                // the organisation pages' {org} and {username} only match valid names
                || op.path().startsWith("/organizations/") && (slot.name().equals("org") || slot.name().equals("username")));
    }

    private static boolean inFaceForm(Operation op, Answer answer) {
        if (op.method().equals("HEAD")) {
            return op.face() != Face.HUB || !answer.header("x-error-message").isEmpty() || answer.status() == 416;
        }
        JsonNode json = HostileWorld.json(answer);
        return switch (op.face()) {
            case SEED -> json.size() == 3 && json.has("code") && json.has("msg") && json.path("data").isNull();
            case HUB -> json.path("error").isString() && !answer.header("x-error-message").isEmpty()
                    || answer.status() == 416 && answer.header("content-range").startsWith("bytes */");
            case LFS -> json.path("message").isString() && answer.header("content-type").startsWith(ApiOperations.LFS_JSON)
                    || answer.status() == 401 && "no login".equals(json.path("msg").asString(""))
                    // git's discovery request: the one form git shows its user ("remote: ..."), the reason in the header too
                    || op.path().endsWith("/info/refs") && answer.status() == 404
                    && answer.header("content-type").startsWith("text/plain") && !answer.header("x-error-message").isEmpty();
            case WEB -> answer.header("content-type").startsWith("text/html");
        };
    }

    private static String shown(Answer answer) {
        String text = answer.text();
        return answer.status() + " " + answer.headers().getOrDefault("content-type", "") + " "
                + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }

    private List<ApiOperations.Operation> apiOperations() throws IOException {
        Answer doc = new RawHttp(port).send("GET /v3/api-docs HTTP/1.1", null);
        List<ApiOperations.Operation> ops = ApiOperations.of(HostileWorld.json(doc));
        assertThat(ops).hasSizeGreaterThan(50);
        return ops;
    }

    /**
     * Every collection's documents (count and an order-free hash) and every file under the blob
     * directory (name and size), once the collector's background work is done ({@link #awaitCollector}).
     */
    private Map<String, String> stored() {
        awaitCollector();
        Map<String, String> state = new TreeMap<>();
        for (String collection : mongo.getCollectionNames()) {
            if (COLLECTOR_BOOKKEEPING.contains(collection)) {
                continue;
            }
            // the count command (the collection's own count, exact on a standalone server and the
            // embedded one) rather than countDocuments, whose aggregation read every document of the
            // large collections before and after each write batch
            long count = mongo.getCollection(collection).estimatedDocumentCount();
            long hash = 0;
            if (count <= HASHED_UP_TO) { // users, organisations, repositories, refs: every document; commits and trees grow, and are counted
                // each document's BSON bytes as the server sent them: no JSON text made of each
                for (RawBsonDocument doc : mongo.getCollection(collection).withDocumentClass(RawBsonDocument.class).find()) {
                    hash += doc.getByteBuffer().asNIO().hashCode() * 0x9E3779B97F4A7C15L;
                }
            }
            state.put(collection, count + " documents #" + Long.toHexString(hash));
        }
        Set<String> collectable = new java.util.HashSet<>();
        // the batches no commit claims ({@code repo} null): blobs that may be unused; a committed batch's
        // blobs stay compared (the collector drops such a batch in the background and keeps its files)
        mongo.getCollection("gcCandidates").find(new org.bson.Document("repo", null)).forEach(d -> collectable.addAll(d.getList("shas", String.class, List.of())));
        // ...and that no repository references: a refused write whose bytes were stored already lists a used blob
        mongo.getCollection("blobs").find(new org.bson.Document("_id", new org.bson.Document("$in", List.copyOf(collectable)))).forEach(d -> {
            if (!d.getList("repos", String.class, List.of()).isEmpty()) {
                collectable.remove(d.getString("_id"));
            }
        });
        Path blobs = properties.dataDir().resolve("blobs");
        if (Files.isDirectory(blobs)) {
            try (Stream<Path> files = Files.walk(blobs)) {
                Iterator<Path> it = files.filter(Files::isRegularFile)
                        .filter(f -> !collectable.contains(f.getFileName().toString())).sorted().iterator();
                long hash = 0;
                int count = 0;
                while (it.hasNext()) {
                    Path file = it.next();
                    hash += (file.getFileName().toString() + Files.size(file)).hashCode() * 0x9E3779B97F4A7C15L;
                    count++;
                }
                state.put("blob files", count + " #" + Long.toHexString(hash));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return state;
    }

    /**
     * Waits, at most 5 s, until the blob collector has nothing due that it does at once: no landed
     * commit whose references it has still to record in {@code blobs} (a {@code gcCandidates} batch
     * with a confirmed {@code repo}; each commit wakes the collector), no deleted repository whose
     * blobs it has still to count ({@code dropped}, due; what it must keep longer it puts off to a
     * later {@code notBefore}), no deletion it has claimed ({@code blobDeletions}). It does that work
     * in the background after a commit, so a world restored by an accepted batch changed {@code blobs}
     * during the next batch otherwise ("blobs: 23 documents → 24 documents" in the anonymous batch
     * after an accepted one, seed -8913499227427088083). An upload's batch that falls due after the
     * grace period is not waited for: the collector takes it on its own schedule. Past the bound
     * the wait says so, and the comparison reports what moved.
     */
    private void awaitCollector() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (true) {
            org.bson.Document due = new org.bson.Document("$or", List.of(
                    new org.bson.Document("repo", new org.bson.Document("$ne", null)).append("committing", new org.bson.Document("$ne", true)),
                    new org.bson.Document("repo", null).append("dropped", new org.bson.Document("$ne", null))
                            .append("notBefore", new org.bson.Document("$lte", new java.util.Date()))));
            if (mongo.getCollection("gcCandidates").countDocuments(due) == 0
                    && mongo.getCollection("blobDeletions").estimatedDocumentCount() == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                System.out.println("hostile suite: the collector still had work due after 5 s: "
                        + mongo.getCollection("gcCandidates").find(due).into(new ArrayList<>()));
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String difference(Map<String, String> before, Map<String, String> after) {
        List<String> changed = new ArrayList<>();
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            if (!String.valueOf(before.get(key)).equals(String.valueOf(after.get(key)))) {
                changed.add(key + ": " + before.get(key) + " → " + after.get(key));
            }
        }
        return String.join("; ", changed);
    }
}
