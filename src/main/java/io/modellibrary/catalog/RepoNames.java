package io.modellibrary.catalog;

import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.ReservedNames;
import io.modellibrary.security.CurrentUser;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Repository names (docs/http-contract.md#names): letters, digits, {@code - _ .}, one optional
 * {@code /} after a namespace, at most 96 characters. {@code alice/x} belongs to alice,
 * {@code acme/x} to the organisation acme.
 *
 * <p>The namespace-less pool (README "Repository names"): repositories without a
 * namespace that already exist keep their bare names, but no new one joins them, so a
 * create never has to say whether a bare name is taken by a private repository. A bare
 * name in a create means {@code <author>/<name>} when the body names an {@code author}
 * (the existing web client sends the creator's username there), else
 * {@code <caller>/<name>}; a bare name in a read or a change names the namespace-less
 * repository if the caller may see it, else {@code <caller>/<name>} ({@link #candidates}).
 */
final class RepoNames {

    static final int MAX_LENGTH = 96;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

    private RepoNames() {
    }

    /** The name, checked; a 400 naming the field otherwise. */
    static String valid(String field, String name) {
        if (name == null || name.isBlank()) {
            throw new BadRequestException(field + " is required");
        }
        if (name.length() > MAX_LENGTH) {
            throw new BadRequestException(field + " must be at most " + MAX_LENGTH + " characters");
        }
        String[] segments = name.split("/", -1);
        if (segments.length > 2) {
            throw new BadRequestException(field + " may contain at most one /");
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new BadRequestException(field + " may only use letters, digits, -, _, . and one /");
            }
        }
        return name;
    }

    /**
     * A new name (create, rename): {@link #valid}, and each part follows the Hub's rule
     * ({@link ReservedNames#hubProblem}) and the name part is no route word
     * ({@link ReservedNames#isReserved}); a 400 naming the field otherwise. Names stored
     * before these rules are not checked again.
     */
    static String fresh(String field, String name) {
        valid(field, name);
        for (String part : name.split("/")) {
            String problem = ReservedNames.hubProblem(part);
            if (problem != null) {
                throw new BadRequestException(field + " '" + name + "': each part " + problem);
            }
        }
        String last = name.substring(name.indexOf('/') + 1);
        if (ReservedNames.isReserved(last)) {
            throw new BadRequestException(field + " '" + last + "' is reserved");
        }
        return name;
    }

    /**
     * The name a create means: a name with a namespace as it is; a bare name under
     * {@code author} when given (a valid name segment, else a 400 naming {@code author}),
     * else under the caller's username. The caller's own username is used in its stored
     * spelling however {@code author} spells it.
     */
    static String qualified(String name, String author, CurrentUser user) {
        if (name.indexOf('/') >= 0) {
            return name;
        }
        String namespace = author == null || author.isBlank() || author.equalsIgnoreCase(user.username())
                ? user.username() : author.strip();
        if (!SEGMENT.matcher(namespace).matches() || namespace.equals(".") || namespace.equals("..")) {
            throw new BadRequestException("author may only use letters, digits, -, _ and .");
        }
        return valid("name", namespace + "/" + name);
    }

    /**
     * The names a read or a change may mean, in order: the name itself, then, for a bare
     * name and a signed-in caller, {@code <caller>/<name>}. The first that leads to a
     * repository the caller may see wins, so an invisible namespace-less repository
     * answers exactly as an absent one.
     */
    static List<String> candidates(String name, CurrentUser user) {
        if (user == null || name.indexOf('/') >= 0 || name.isBlank()) {
            return List.of(name);
        }
        return List.of(name, user.username() + "/" + name);
    }

    /**
     * The namespace owning the name: the part before the slash, or the creator for a bare
     * name. Whether the caller may write there is {@link RepoPermissions#requireCreateIn}'s call.
     */
    static String owner(String name, CurrentUser user) {
        int slash = name.indexOf('/');
        return slash < 0 ? user.username() : name.substring(0, slash);
    }
}
