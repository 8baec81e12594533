package io.modellibrary.security;

/**
 * The signed-in caller, as the JWT filter puts it in the security context. Controllers
 * receive it with {@code @AuthenticationPrincipal CurrentUser user}; it is {@code null}
 * for an anonymous caller.
 *
 * @param id       the user's document id
 * @param username the user's name, which is also their namespace
 * @param team     the team the user belongs to (a namespace they may write to), or null
 */
public record CurrentUser(String id, String username, String team) {

    /** The namespaces this user may write to and whose private repositories they may see. */
    public java.util.List<String> namespaces() {
        return team == null || team.isBlank() ? java.util.List.of(username) : java.util.List.of(username, team);
    }
}
