package io.modellibrary.hardening;

import io.modellibrary.hardening.Hostile.Category;
import io.modellibrary.hardening.HostileWorld.Repo;
import io.modellibrary.support.ApiOperations;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The requests of the hostile-input suite: for one operation, one input of it (a path variable,
 * query parameter, body field, form part, the whole body, the {@code Range} header) holds a hostile
 * value and every other input a valid one aimed at the {@link HostileWorld}, so the value reaches as
 * deep as it can.
 */
final class HostileRequests {

    /** The error form an operation answers in (docs/http-contract.md, docs/hub-api.md). */
    enum Face { SEED, HUB, LFS, WEB }

    /** Where the hostile value goes. */
    enum Place { PATH, QUERY, FIELD, PART, BODY, RANGE, EXTRA_QUERY }

    /**
     * An operation: from {@code /v3/api-docs}, or a web page of {@link #WEB_PAGES}.
     *
     * @param bodyType {@code json}, {@code multipart}, {@code form} or null
     */
    record Operation(String method, String path, Face face, List<String> pathVariables, Set<String> query,
                     Set<String> fields, String bodyType, boolean ranged) {
        @Override
        public String toString() {
            return method + " " + path;
        }

        boolean reads() {
            return method.equals("GET") || method.equals("HEAD") || READS_SENT_AS_POST.stream().anyMatch(path::contains);
        }
    }

    /** One input of an operation. */
    record Slot(Place place, String name) {
        @Override
        public String toString() {
            return place.name().toLowerCase() + " " + name;
        }
    }

    /** POST and PUT operations that only read (or only sign in): an accepted hostile value there stores nothing. */
    static final List<String> READS_SENT_AS_POST = List.of("/paths-info/", "/preupload/", "getPrevAndNewFile", "personalFiles",
            "verifyUsername", "/api/login", "/info/lfs/objects/batch");

    /**
     * The web pages (not in {@code /v3/api-docs}): every mapping of the web face, checked against the
     * handler mappings by the suite, so a new page without an entry here fails it.
     */
    static final List<Operation> WEB_PAGES = webPages();

    private static List<Operation> webPages() {
        List<Operation> pages = new ArrayList<>(List.of(
                web("GET", "/", Set.of("q", "sort", "p", "task", "deleted")),
                web("GET", "/models", Set.of("q", "sort", "p", "task", "library", "deleted")),
                web("GET", "/datasets", Set.of("q", "sort", "p", "task", "deleted")),
                web("GET", "/login", Set.of("next")),
                web("POST", "/login", Set.of(), "form", Set.of("username", "password", "next")),
                web("GET", "/signup", Set.of()),
                web("POST", "/signup", Set.of(), "multipart", Set.of("username", "password", "avatar")),
                web("POST", "/logout", Set.of(), "form", Set.of())));
        // A repository's pages, each at the four roots: model or dataset, with or without a namespace.
        for (String root : List.of("/{namespace}/{name}", "/{name}", "/datasets/{namespace}/{name}", "/datasets/{name}")) {
            pages.add(web("GET", root, Set.of()));
            pages.add(web("GET", root + "/tree/{revision}/{path}", Set.of("cursor")));
            pages.add(web("GET", root + "/blob/{revision}/{path}", Set.of()));
            pages.add(web("GET", root + "/commits/{revision}", Set.of("p")));
            pages.add(web("GET", root + "/commit/{id}", Set.of("restored", "unchanged", "from", "path")));
            pages.add(web("GET", root + "/upload/{branch}", Set.of()));
            pages.add(web("POST", root + "/upload/{branch}", Set.of(), "multipart", Set.of("file", "lfsFile")));
            pages.add(web("GET", root + "/commits/{revision}/{path}", Set.of("p")));
            pages.add(web("GET", root + "/compare/{spec}", Set.of("from", "to")));
            pages.add(web("GET", root + "/edit/{branch}/{path}", Set.of()));
            pages.add(web("POST", root + "/edit/{branch}/{path}", Set.of(), "form", Set.of("content", "message", "parentCommit")));
            pages.add(web("GET", root + "/new/{branch}/{folder}", Set.of()));
            pages.add(web("POST", root + "/new/{branch}/{folder}", Set.of(), "form", Set.of("path", "content", "message", "parentCommit")));
            pages.add(web("GET", root + "/delete/{branch}/{path}", Set.of()));
            pages.add(web("POST", root + "/delete/{branch}/{path}", Set.of(), "form", Set.of("message", "parentCommit")));
            pages.add(web("GET", root + "/restore/{revision}", Set.of("path", "branch")));
            pages.add(web("POST", root + "/restore/{revision}", Set.of(), "form", Set.of("path", "branch", "message", "parentCommit")));
        }
        // Pages of namespaced repositories only (/{name}/settings would be the repository {name}/settings).
        for (String root : List.of("/{namespace}/{name}", "/datasets/{namespace}/{name}")) {
            pages.add(web("GET", root + "/refs", Set.of()));
            pages.add(web("POST", root + "/refs", Set.of(), "form", Set.of("kind", "refName", "revision")));
            pages.add(web("POST", root + "/refs/delete", Set.of(), "form", Set.of("kind", "refName")));
            pages.add(web("GET", root + "/settings", Set.of()));
            pages.add(web("POST", root + "/settings/{action}", Set.of(), "form", Set.of("newName", "visibility", "confirm")));
            pages.add(web("POST", root + "/like", Set.of(), "form", Set.of("like")));
        }
        // Accounts and organisations (the /settings pages run as a disposable user, as /api/account does).
        pages.addAll(List.of(
                web("GET", "/settings", Set.of()),
                web("GET", "/settings/", Set.of()),
                web("GET", "/settings/profile", Set.of()),
                web("POST", "/settings/profile/avatar", Set.of(), "multipart", Set.of("avatar")),
                web("GET", "/settings/tokens", Set.of()),
                web("POST", "/settings/tokens", Set.of(), "form", Set.of("name", "role")),
                web("POST", "/settings/tokens/{id}/delete", Set.of(), "form", Set.of()),
                web("GET", "/settings/password", Set.of("changed")),
                web("POST", "/settings/password", Set.of(), "form", Set.of("currentPassword", "newPassword")),
                web("GET", "/settings/account", Set.of()),
                web("POST", "/settings/account/logout-all", Set.of(), "form", Set.of()),
                web("POST", "/settings/account/delete", Set.of(), "form", Set.of("confirm", "password")),
                web("GET", "/new", Set.of("owner")),
                web("POST", "/new", Set.of(), "form", Set.of("owner", "name", "visibility", "task")),
                web("GET", "/new-dataset", Set.of("owner")),
                web("POST", "/new-dataset", Set.of(), "form", Set.of("owner", "name", "visibility", "task")),
                web("GET", "/organizations/new", Set.of()),
                web("POST", "/organizations/new", Set.of(), "form", Set.of("name")),
                web("POST", "/organizations/{org}/join", Set.of(), "form", Set.of()),
                web("POST", "/organizations/{org}/invitation/accept", Set.of(), "form", Set.of()),
                web("POST", "/organizations/{org}/invitation/decline", Set.of(), "form", Set.of()),
                web("POST", "/organizations/{org}/leave", Set.of(), "form", Set.of()),
                web("GET", "/organizations/{org}/settings/members", Set.of()),
                web("POST", "/organizations/{org}/settings/members/{username}/role", Set.of(), "form", Set.of("role")),
                web("POST", "/organizations/{org}/settings/members/{username}/remove", Set.of(), "form", Set.of()),
                web("POST", "/organizations/{org}/settings/members/requests/{username}/accept", Set.of(), "form", Set.of("role")),
                web("POST", "/organizations/{org}/settings/members/requests/{username}/decline", Set.of(), "form", Set.of()),
                web("POST", "/organizations/{org}/settings/members/invitations", Set.of(), "form", Set.of("username", "role")),
                web("POST", "/organizations/{org}/settings/delete", Set.of(), "form", Set.of("confirm"))));
        return List.copyOf(pages);
    }

    private static final String BOUNDARY = "hostileboundary7d2f";
    /** Longest hostile value put in a URL: over the 16 KB request-line limit, short of making the test slow. */
    private static final int URL_VALUE_LIMIT = 40_000;

    private final HostileWorld world;

    HostileRequests(HostileWorld world) {
        this.world = world;
    }

    /** The suite's view of an OpenAPI operation. */
    static Operation of(ApiOperations.Operation op) {
        Face face = op.lfs() ? Face.LFS : op.hub() ? Face.HUB : Face.SEED;
        String bodyType = op.bodyTypes().contains("multipart/form-data") ? "multipart"
                : op.bodyTypes().contains("application/json") ? "json"
                : op.bodyTypes().isEmpty() ? null : "form";
        boolean ranged = op.headers().contains("Range") || op.path().contains("/resolve/") || op.path().contains("/raw/");
        return new Operation(op.method().toUpperCase(), op.path(), face, op.pathVariables(), op.query().keySet(), op.bodyFields(),
                bodyType, ranged && !op.method().equals("post"));
    }

    private static Operation web(String method, String path, Set<String> query) {
        return web(method, path, query, null, Set.of());
    }

    private static Operation web(String method, String path, Set<String> query, String bodyType, Set<String> fields) {
        List<String> variables = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
        while (m.find()) {
            variables.add(m.group(1));
        }
        return new Operation(method, path, Face.WEB, variables, query, fields, bodyType, false);
    }

    /** Every input of the operation that the suite fills with hostile values. */
    static List<Slot> slots(Operation op) {
        List<Slot> slots = new ArrayList<>();
        op.pathVariables().forEach(v -> slots.add(new Slot(Place.PATH, v)));
        op.query().forEach(q -> slots.add(new Slot(Place.QUERY, q)));
        Place fieldPlace = "json".equals(op.bodyType()) ? Place.FIELD : Place.PART;
        op.fields().forEach(f -> slots.add(new Slot(fieldPlace, f)));
        if (!op.method().equals("GET") && !op.method().equals("HEAD")) {
            slots.add(new Slot(Place.BODY, op.bodyType() == null ? "undocumented" : op.bodyType()));
        }
        if (op.ranged()) {
            slots.add(new Slot(Place.RANGE, "Range"));
        }
        if (op.reads()) {
            slots.add(new Slot(Place.EXTRA_QUERY, "undocumented"));
        }
        return slots;
    }

    /** A hostile value for the slot: a {@code Range} for the header, a whole body for the body, a field value otherwise. */
    static Hostile draw(Slot slot, Operation op, RandomGenerator random) {
        return switch (slot.place()) {
            case RANGE -> range(random);
            case BODY -> "multipart".equals(op.bodyType()) && random.nextBoolean() ? multipart(random) : Hostile.any(random);
            default -> Hostile.any(random);
        };
    }

    /** The repository a case aims at: the victims for writes, the public or private one (or the dataset) for reads. */
    Repo target(Operation op, RandomGenerator random) {
        boolean dataset = op.path().contains("dataset");
        if (!op.reads()) {
            return dataset ? world.victimDataset : world.victimModel;
        }
        return dataset ? world.dataset : random.nextBoolean() ? world.publicModel : world.privateModel;
    }

    /**
     * The request: its head (request line and headers, for {@link RawHttp#send}) and body (null for none).
     *
     * @param credential the {@code Authorization} token, or null for an anonymous call
     */
    byte[][] build(Operation op, Slot slot, Hostile value, Repo repo, String credential) {
        StringBuilder path = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(op.path());
        int last = 0;
        while (m.find()) {
            String name = m.group(1);
            path.append(op.path(), last, m.start());
            boolean catchAll = name.equals("path");
            boolean hostileHere = slot.place() == Place.PATH && slot.name().equals(name);
            path.append(hostileHere ? urlValue(value, catchAll) : Hostile.encodedPlain(pathValue(op, name, repo), catchAll));
            last = m.end();
        }
        path.append(op.path().substring(last));
        List<String> query = new ArrayList<>();
        boolean bodyOnly = slot.place() == Place.BODY && (op.bodyType() == null || op.face() == Face.SEED);
        for (String q : op.query()) {
            if (slot.place() == Place.QUERY && slot.name().equals(q)) {
                query.add(q + "=" + urlValue(value, false));
            } else if (baseline(op, q, repo) != null && !bodyOnly) {
                query.add(q + "=" + HostileWorld.enc(baseline(op, q, repo)));
            }
        }
        if (slot.place() == Place.EXTRA_QUERY) {
            query.add(extraParameter(value) + "=" + urlValue(value, false));
        }
        if (isUploadForm(op)) {
            // the streamed upload form carries its token in its action's query, as upload.html does (S23, L12)
            query.add("_csrf=" + HostileWorld.enc(world.csrfField(credential)));
        }
        StringBuilder head = new StringBuilder(op.method()).append(' ').append(path);
        if (!query.isEmpty()) {
            head.append('?').append(String.join("&", query));
        }
        head.append(" HTTP/1.1");
        byte[] body = body(op, slot, value, repo, head, credential);
        if (credential != null) {
            head.append(op.face() == Face.WEB ? "\r\nCookie: ml_session=" + credential : "\r\nAuthorization: Bearer " + credential);
        }
        if (slot.place() == Place.RANGE) {
            head.append("\r\nRange: ").append(value.text());
        }
        return new byte[][]{head.toString().getBytes(StandardCharsets.ISO_8859_1), body};
    }

    /** Pre-encoded and over-long values are cut for a URL; a value that cannot be sent there (a line break) is percent-encoded anyway. */
    private static String urlValue(Hostile value, boolean catchAll) {
        String url = value.inUrl(catchAll, URL_VALUE_LIMIT);
        return url.length() > URL_VALUE_LIMIT ? url.substring(0, URL_VALUE_LIMIT).replaceAll("%[0-9A-Fa-f]?$", "") : url;
    }

    /** {@code name[$ne]}, {@code $where}, ... as a parameter's name: NoSQL-operator keys of query-string parsers. */
    private static String extraParameter(Hostile value) {
        return switch (value.category()) {
            case NOSQL -> "name%5B%24ne%5D";
            case TRAVERSAL -> "..%2Fx";
            case INVALID_UTF8 -> "%C3%28";
            default -> "%24where";
        };
    }

    private byte[] body(Operation op, Slot slot, Hostile value, Repo repo, StringBuilder head, String credential) {
        if (slot.place() == Place.BODY) {
            if (value.category() == Category.MULTIPART) {
                head.append("\r\nContent-Type: ").append(value.url());
                return value.raw();
            }
            head.append("\r\nContent-Type: application/json");
            return value.json();
        }
        if (op.bodyType() == null) {
            return op.method().equals("GET") || op.method().equals("HEAD") ? null : new byte[0];
        }
        return switch (op.bodyType()) {
            case "json" -> json(op, slot, value, repo, head);
            case "multipart" -> multipartBody(op, slot, value, repo, head, credential);
            default -> form(op, slot, value, repo, head, credential);
        };
    }

    private byte[] json(Operation op, Slot slot, Hostile value, Repo repo, StringBuilder head) {
        head.append("\r\nContent-Type: application/json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('{');
        boolean first = true;
        for (String field : op.fields()) {
            byte[] v = slot.place() == Place.FIELD && slot.name().equals(field) ? value.json() : jsonBaseline(op, field, repo);
            if (v == null) {
                continue;
            }
            if (!first) {
                out.write(',');
            }
            first = false;
            out.writeBytes(("\"" + field + "\":").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(v);
        }
        out.write('}');
        return out.toByteArray();
    }

    private byte[] multipartBody(Operation op, Slot slot, Hostile value, Repo repo, StringBuilder head, String credential) {
        head.append("\r\nContent-Type: multipart/form-data; boundary=").append(BOUNDARY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (op.face() == Face.WEB) {
            // as a browser sends the form: the XSRF-TOKEN cookie (the token of a form without a session), and
            // the token as a _csrf part (signup.html, settings-profile.html) or, on the upload form, in the query (build)
            head.append("\r\nCookie: XSRF-TOKEN=").append(world.csrfCookie);
            if (!isUploadForm(op)) {
                out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + world.csrfField(credential) + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        for (String field : op.fields()) {
            boolean hostile = slot.place() == Place.PART && slot.name().equals(field);
            if (field.equals("file")) {
                byte[] filename = hostile ? value.raw() : "hostile-probe.txt".getBytes(StandardCharsets.UTF_8);
                out.writeBytes(("--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.writeBytes(fileHeaders(filename));
                out.writeBytes("probe\r\n".getBytes(StandardCharsets.UTF_8));
            } else {
                String base = baseline(op, field, repo);
                if (!hostile && base == null) {
                    continue;
                }
                out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.writeBytes(hostile ? value.raw() : base.getBytes(StandardCharsets.UTF_8));
                out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A page's upload form, streamed by {@code web/StreamedUploadFilter} (W22): its CSRF token travels in the query (S23). */
    private static boolean isUploadForm(Operation op) {
        return op.face() == Face.WEB && op.method().equals("POST") && op.path().endsWith("/upload/{branch}");
    }

    /** The headers of the {@code file} part, up to and with the blank line: {@code filename} is quoted as sent, not escaped. */
    static byte[] fileHeaders(byte[] filename) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("Content-Disposition: form-data; name=\"file\"; filename=\"".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(filename);
        out.writeBytes("\"\r\nContent-Type: application/octet-stream\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /**
     * The file name the server reads from a {@code file} part whose {@code filename="..."} holds
     * {@code value} as it is (the part {@link #multipartBody} sends), or empty when the server refuses
     * the part's headers (a {@code filename*} that is not properly percent-encoded). Every
     * {@code file} part is read by {@code transfer/MultipartReader} (the API's {@code POST /api/files}
     * and the pages' streamed upload form), whose rules this models independently:
     * <ul>
     * <li>a header line ends at CRLF and the headers at the first empty line (RFC 2046 §5.1.1,
     *     RFC 5322 §2.2); each line is read as UTF-8, a malformed sequence becoming U+FFFD;</li>
     * <li>in a {@code Content-Disposition} line, each {@code ;} starts a parameter: its name up to the
     *     next {@code =} ({@link String#trim trimmed}, any case), its value after leading spaces either a
     *     token up to the next {@code ;} (trimmed) or a quoted-string (RFC 7578 §4.2 and RFC 6266 §4.1 take
     *     RFC 7230 §3.2.6's) that ends at the first {@code "} not escaped; only {@code \"} is an
     *     escape, as the WHATWG HTML standard's multipart/form-data encoding has browsers send a
     *     {@code "} as {@code %22} and a backslash as it is (a Windows path); whatever follows the
     *     closing quote up to the next {@code ;} is passed over, an unclosed one runs to the line's end;
     *     a later parameter of the same name wins;</li>
     * <li>{@code filename*=UTF-8''<percent-encoded>} (RFC 7578 §4.2, RFC 8187) is preferred over
     *     {@code filename}; another charset counts as none.</li>
     * </ul>
     * A bare {@code "} in {@code value} so ends the name early (<code>{"a":1}</code> is read <code>{</code>),
     * and a CRLF ends the line: the server stores that name, and the suite judges that name.
     */
    static java.util.Optional<Hostile> fileNameAsRead(Hostile value) {
        byte[] headers = fileHeaders(value.raw());
        String[] disposition = new String[3]; // name, filename, filename*
        boolean[] refused = {false};
        for (int start = 0, end; (end = crlf(headers, start)) > start; start = end + 2) {
            String line = new String(headers, start, end - start, StandardCharsets.UTF_8);
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Disposition")) {
                dispositionParameters(line.substring(colon + 1), (key, v) -> {
                    switch (key) {
                        case "name" -> disposition[0] = v;
                        case "filename" -> disposition[1] = v;
                        case "filename*" -> {
                            int quotes = v.indexOf("''");
                            boolean utf8 = quotes >= 0 && v.substring(0, quotes).equalsIgnoreCase("UTF-8");
                            try {
                                disposition[2] = utf8 ? java.net.URLDecoder.decode(v.substring(quotes + 2).replace("+", "%2B"), StandardCharsets.UTF_8) : null;
                            } catch (IllegalArgumentException e) {
                                refused[0] = true;
                            }
                        }
                        default -> { }
                    }
                });
            }
        }
        String name = disposition[2] != null ? disposition[2] : disposition[1];
        return refused[0] || name == null ? java.util.Optional.empty() : java.util.Optional.of(value.withText(name.getBytes(StandardCharsets.UTF_8)));
    }

    /** The index of the first CRLF at or after {@code from} (the headers always end with one). */
    private static int crlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return bytes.length;
    }

    /** The parameters of a {@code Content-Disposition} value, in order, read by the rules of {@link #fileNameAsRead}. */
    private static void dispositionParameters(String s, java.util.function.BiConsumer<String, String> each) {
        for (int semicolon = s.indexOf(';'); semicolon >= 0; ) {
            int eq = s.indexOf('=', semicolon);
            if (eq < 0) {
                return;
            }
            String key = s.substring(semicolon + 1, eq).trim().toLowerCase(java.util.Locale.ROOT);
            int at = eq + 1;
            while (at < s.length() && s.charAt(at) == ' ') {
                at++;
            }
            StringBuilder v = new StringBuilder();
            if (at < s.length() && s.charAt(at) == '"') {
                for (at++; at < s.length() && s.charAt(at) != '"'; at++) {
                    boolean escape = s.startsWith("\\\"", at);
                    v.append(escape ? '"' : s.charAt(at));
                    at += escape ? 1 : 0;
                }
                semicolon = s.indexOf(';', at);
            } else {
                semicolon = s.indexOf(';', at);
                v.append(s, at, semicolon < 0 ? s.length() : semicolon);
                v = new StringBuilder(v.toString().trim());
            }
            each.accept(key, v.toString());
        }
    }

    private byte[] form(Operation op, Slot slot, Hostile value, Repo repo, StringBuilder head, String credential) {
        head.append("\r\nContent-Type: application/x-www-form-urlencoded");
        List<String> pairs = new ArrayList<>();
        if (op.face() == Face.WEB) {
            head.append("\r\nCookie: XSRF-TOKEN=").append(world.csrfCookie);
            pairs.add("_csrf=" + HostileWorld.enc(world.csrfField(credential)));
        }
        for (String field : op.fields()) {
            if (slot.place() == Place.PART && slot.name().equals(field)) {
                pairs.add(field + "=" + urlValue(value, false));
            } else if (baseline(op, field, repo) != null) {
                pairs.add(field + "=" + HostileWorld.enc(baseline(op, field, repo)));
            }
        }
        return String.join("&", pairs).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A valid value of a path variable. */
    private String pathValue(Operation op, String name, Repo repo) {
        boolean bare = !op.pathVariables().contains("namespace") && name.equals("name");
        return switch (name) {
            case "repoType" -> repo.hubType();
            case "namespace" -> repo.namespace();
            case "name" -> bare && op.face() == Face.SEED ? repo.full() : repo.name();
            case "revision" -> op.path().contains("/tag/") ? "main" : "main";
            case "path" -> "README.md";
            case "branch" -> op.method().equals("DELETE") ? "dev" : op.face() == Face.WEB ? "main" : "hostile-branch";
            case "tag" -> "v1";
            case "org" -> world.org;
            case "username" -> world.stranger;
            case "id" -> op.face() == Face.WEB ? world.head : "000000000000000000000000";
            case "oid" -> "a".repeat(64);
            case "repoId" -> "000000000000000000000000";
            case "part" -> "1";
            case "file" -> "absent.png";
            default -> "x";
        };
    }

    /** A valid value of a query parameter or form field, or null to leave it out. */
    private String baseline(Operation op, String name, Repo repo) {
        if (HostileInputSuiteTest.isNewRepoPage(op)) {
            // the new-repository form: a valid repository of the caller's (made by the first case, then taken)
            return switch (name) {
                case "owner" -> world.owner;
                case "name" -> "hostile-new";
                case "visibility" -> "private";
                default -> null;
            };
        }
        return switch (name) {
            case "name" -> op.face() == Face.WEB ? null : repo.full();
            case "type" -> repo.type();
            case "path" -> op.path().contains("filesTable") ? "sub" : "README.md";
            case "revision" -> "main";
            case "commit" -> world.head;
            case "ref" -> "tag";
            case "refName" -> "v1";
            case "filepath" -> "/" + repo.type() + "/" + repo.full() + "/blob/main/README.md";
            case "from" -> "v1";
            case "to" -> "main";
            case "message" -> "probe";
            case "username" -> world.owner;
            case "password" -> HostileWorld.PASSWORD;
            case "service" -> "git-upload-pack"; // git's discovery (LfsController.gitRefsWithoutSuffix)
            default -> null;
        };
    }

    /**
     * True for a wrong-type value that is no string and has the JSON type of the field's valid value (a
     * {@code true} where a flag goes), or an operator object where an object goes ({@code activeFilters}:
     * facets a type does not have are ignored, docs/http-contract.md#web-client-quirks-we-keep).
     */
    boolean fitsType(Operation op, Slot slot, Hostile value) {
        String json = new String(value.json(), StandardCharsets.UTF_8);
        boolean typed = value.category() == Category.WRONG_TYPE || value.category() == Category.NOSQL && value.json()[0] == '{';
        return slot.place() == Place.FIELD && typed && (json.equals("\"\"") || json.equals("null") // empty or null: left out
                || value.json()[0] != '"' && value.sameJsonTypeAs(jsonBaseline(op, slot.name(), world.victimModel)));
    }

    /** A valid JSON value of a body field, or null to leave it out. */
    private byte[] jsonBaseline(Operation op, String field, Repo repo) {
        String json = switch (field) {
            case "isPrivate", "private", "expand", "gated" -> "false"; // gated: false is the one value taken (no repository here is gated)
            case "activeFilters", "ref" -> "{}";
            case "objects", "parts", "transfers" -> "[]";
            case "paths" -> "[\"README.md\"]";
            case "files" -> "[{\"path\":\"a.txt\",\"size\":1,\"sample\":\"YQ==\"}]";
            case "size" -> "1";
            case "newName", "fromRepo", "toRepo" -> quote(repo.full());
            case "organization", "author" -> quote(repo.namespace());
            case "operation" -> quote("download");
            case "hash_algo" -> quote("sha256");
            case "visibility" -> quote(op.path().contains("settings") ? "private".equals(repo.name()) ? "private" : "public" : "public");
            case "role" -> quote("read");
            case "oid" -> quote("a".repeat(64));
            case "tag" -> quote("v1");
            case "startingPoint" -> quote("main");
            case "content", "description" -> quote("probe");
            case "currentPassword", "newPassword" -> quote(HostileWorld.PASSWORD);
            case "password" -> quote("not the password");
            case "name" -> quote(op.path().contains("tokens") ? "probe" : op.path().contains("orgs") ? world.org
                    : op.path().contains("repos/") ? repo.name() : repo.full());
            case "type" -> quote(op.path().contains("repos/") ? repo.type() : repo.type());
            default -> {
                String plain = baseline(op, field, repo);
                yield plain == null ? null : quote(plain);
            }
        };
        return json == null ? null : json.getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Bogus {@code Range} headers: inverted, overflowing, negative, too many parts, wrong unit, garbage. */
    private static Hostile range(RandomGenerator random) {
        List<String> ranges = List.of("bytes=5-1", "bytes=-", "bytes=-0", "bytes=99999999999999999999-", "bytes=0-99999999999999999999",
                "bytes=-99999999999999999999", "items=0-1", "bytes=abc", "bytes=1-2-3", "bytes= - ", "bytes=0-0," + "0-0,".repeat(2000) + "0-0",
                "bytes=" + "1-1,".repeat(100) + "1-1", "bytes=100000000-", "bytes=-1,-2,-3", "bytes=0x10-0x20", "bytes=1e3-",
                "bytes=--1", "bytes=,", "bytes=0-0;1-1", "bytes=\u00e9-1", "BYTES=0-1", "bytes=0-1, 1-0", "bytes=2147483648-4294967296");
        String value = Hostile.pick(ranges, random);
        byte[] raw = value.getBytes(StandardCharsets.ISO_8859_1);
        return new Hostile(Category.RANGE, raw, raw, value);
    }

    private static final String MB = "mb";
    private static final String OK_PART = "--" + MB + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.txt\"\r\n\r\nx\r\n";
    /**
     * The bodies of {@link #multipart} that are well-formed (RFC 2046 §5.1.1, RFC 7578) with a file
     * of a usable name, all a page's upload form needs (its repository and branch are in its URL;
     * the API's {@code POST /api/files} wants fields beside): a preamble before the first boundary,
     * which the receiver ignores; a file whose bytes look like a nested {@code multipart/mixed}
     * (its content type is the file's, its bytes opaque); the same file part 2000 times.
     */
    private static final Set<String> WELL_FORMED_UPLOADS = Set.of(
            "garbage before\r\n" + OK_PART + "--" + MB + "--\r\n",
            "--" + MB + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\nContent-Type: multipart/mixed; boundary=inner\r\n\r\n--inner\r\n\r\n--inner--\r\n--" + MB + "--\r\n",
            OK_PART.repeat(2000) + "--" + MB + "--\r\n");

    /** True when {@code value}, a whole body, is a well-formed upload that a page's upload form {@code op} may take. */
    static boolean isWellFormedUpload(Operation op, Hostile value) {
        return isUploadForm(op) && value.category() == Category.MULTIPART
                && value.url().equals("multipart/form-data; boundary=" + MB) && WELL_FORMED_UPLOADS.contains(value.text());
    }

    /** Malformed multipart bodies, and a few well-formed ones ({@link #WELL_FORMED_UPLOADS}); the {@code url} field carries the Content-Type sent with them. */
    private static Hostile multipart(RandomGenerator random) {
        String b = MB;
        String ok = OK_PART;
        List<String[]> bodies = List.of(
                new String[]{"multipart/form-data", ok + "--" + b + "--\r\n"},
                new String[]{"multipart/form-data; boundary=", ok},
                new String[]{"multipart/form-data; boundary=other", ok + "--" + b + "--\r\n"},
                new String[]{"multipart/form-data; boundary=" + b, ok},
                new String[]{"multipart/form-data; boundary=" + b, "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.txt\"\r\n"},
                new String[]{"multipart/form-data; boundary=" + b, "--" + b + "\r\nContent-Disposition: form-data\r\n\r\nx\r\n--" + b + "--\r\n"},
                new String[]{"multipart/form-data; boundary=" + b, "--" + b + "\r\n" + "X-H: " + "a".repeat(100_000) + "\r\n\r\nx\r\n--" + b + "--\r\n"},
                new String[]{"multipart/form-data; boundary=" + b, "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../etc/passwd\"\r\n\r\nx\r\n--" + b + "--\r\n"},
                new String[]{"multipart/form-data; boundary=" + b, (ok).repeat(2000) + "--" + b + "--\r\n"},
                new String[]{"multipart/form-data; boundary=" + b, "garbage before\r\n" + ok + "--" + b + "--\r\n"},
                new String[]{"multipart/form-data; boundary=" + b, "--" + b + "--\r\n"},
                new String[]{"multipart/form-data; boundary=" + b, ""},
                new String[]{"multipart/form-data; boundary=" + b, "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\nContent-Type: multipart/mixed; boundary=inner\r\n\r\n--inner\r\n\r\n--inner--\r\n--" + b + "--\r\n"},
                new String[]{"multipart/form-data; boundary=" + "b".repeat(200), "--" + "b".repeat(200) + "--\r\n"},
                new String[]{"multipart/form-data; boundary=" + b, "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-8''%C3%28%2e%2e%2f\r\n\r\nx\r\n--" + b + "--\r\n"});
        String[] pick = Hostile.pick(bodies, random);
        return new Hostile(Category.MULTIPART, pick[1].getBytes(StandardCharsets.ISO_8859_1), pick[1].getBytes(StandardCharsets.ISO_8859_1), pick[0]);
    }
}
