package io.modellibrary.catalog;

import io.modellibrary.common.ApiException;
import io.modellibrary.common.Envelope;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.security.Memberships;
import io.modellibrary.security.Role;
import io.modellibrary.security.UserDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The one place that decides what a caller may do with a repository (docs/http-contract.md#roles;
 * docs/decisions.md O1-O7). The caller's role on a repository is:
 * <ul>
 *   <li>{@code admin} in their own user namespace (only its owner writes there);</li>
 *   <li>their membership role in an organisation's namespace (active members only);</li>
 *   <li>at most {@link CurrentUser#ceiling()} (a {@code read} access token reads only);</li>
 *   <li>at least {@code read} on a public repository, for everyone, anonymous callers included.</li>
 * </ul>
 * No role means the repository does not exist for the caller. Namespaces compare
 * ignoring case: {@code Labs/x} and {@code labs/x} are in one organisation.
 *
 * <p>Writing into the own namespace ({@link #requireCreateIn}, {@link #requireLiveAccount}) also needs the
 * caller's account to be still there: a request signed in before its account's deletion and still running
 * after it would otherwise write into the freed namespace, or into its next holder's repositories, since the
 * own namespace's role is known from the name alone (docs/decisions.md O9).
 */
@Component
public class RepoPermissions {

    private final ObjectProvider<Memberships> memberships;
    private final ObjectProvider<UserDirectory> users;

    RepoPermissions(ObjectProvider<Memberships> memberships, ObjectProvider<UserDirectory> users) {
        this.memberships = memberships;
        this.users = users;
    }

    /** The caller's role on the repository; empty when they may not see it. */
    public Optional<Role> roleOn(Repo repo, CurrentUser user) {
        Optional<Role> own = user == null ? Optional.empty() : namespaceRole(repo.getOwner(), user).map(r -> r.min(user.ceiling()));
        return repo.isPrivateRepo() || own.isPresent() ? own : Optional.of(Role.READ);
    }

    /** The user's role in a namespace: {@code admin} in their own, their role in an organisation, else empty. */
    public Optional<Role> namespaceRole(String namespace, CurrentUser user) {
        if (namespace.equalsIgnoreCase(user.username())) {
            return Optional.of(Role.ADMIN);
        }
        Memberships source = memberships.getIfAvailable();
        return source == null ? Optional.empty() : source.roleIn(namespace, user.id());
    }

    /**
     * Passes when the caller may create repositories in the namespace ({@code write} there,
     * with a credential that may write); 403 naming the namespace otherwise.
     */
    public void requireCreateIn(String namespace, CurrentUser user) {
        boolean allowed = namespaceRole(namespace, user).map(r -> r.min(user.ceiling()).atLeast(Role.WRITE)).orElse(false);
        if (!allowed) {
            throw createRefused(namespace);
        }
        requireLiveAccount(namespace, user);
    }

    /**
     * Passes unless the namespace is the caller's own and their account was deleted ({@link UserDirectory#deleted}:
     * one {@code _id} read, only for the own namespace): then 401 as for any credential of a deleted account
     * ({@code no login} for a session, {@code invalid or revoked access token} for an access token), what the
     * request would have heard had it come a moment later. Called after the write's first read of the namespace's
     * standing ({@code RepoService}) or after the repository was found ({@code CatalogService.requireRole}); the
     * deletion records the account before it removes the user and frees the name, so a write that found the name
     * freed or claimed anew, or found its next holder's repository, finds the record.
     *
     * @throws ApiException 401 as described
     */
    public void requireLiveAccount(String namespace, CurrentUser user) {
        UserDirectory directory = users.getIfAvailable();
        if (namespace.equalsIgnoreCase(user.username()) && directory != null && directory.deleted(user.id())) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, user.viaAccessToken() ? CurrentUser.REVOKED_TOKEN : Envelope.NO_LOGIN);
        }
    }

    /** The 403 {@link #requireCreateIn} answers for a namespace the caller may not create in (or that is gone). */
    static ApiException createRefused(String namespace) {
        return new ApiException(HttpStatus.FORBIDDEN, "you may only create or move repositories under your own name or in an "
                + "organisation where you have the write role, not under " + namespace);
    }

    /** The lower-case namespaces whose private repositories the user sees: their own and their organisations'. */
    public Set<String> namespaceKeys(CurrentUser user) {
        Set<String> keys = new HashSet<>();
        keys.add(key(user.username()));
        Memberships source = memberships.getIfAvailable();
        if (source != null) {
            keys.addAll(source.rolesOf(user.id()).keySet());
        }
        return keys;
    }

    /** The same rule as {@link #roleOn} for seeing, for many repositories with one membership read. */
    public Predicate<Repo> visibleTo(CurrentUser user) {
        if (user == null) {
            return repo -> !repo.isPrivateRepo();
        }
        Set<String> keys = namespaceKeys(user);
        return repo -> !repo.isPrivateRepo() || keys.contains(key(repo.getOwner()));
    }

    /** Repositories owned by any of these namespaces, ignoring case, as a query criterion. */
    public static Criteria ownedByAny(Set<String> namespaceKeys) {
        List<Criteria> any = namespaceKeys.stream()
                .map(k -> Criteria.where("owner").regex("^" + Pattern.quote(k) + "$", "i"))
                .toList();
        return new Criteria().orOperator(any);
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
