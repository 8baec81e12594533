package io.modellibrary.hub;

import io.modellibrary.account.AccountDirectory;
import io.modellibrary.catalog.LikeService;
import io.modellibrary.catalog.Repo;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.RequestUrls;
import io.modellibrary.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The likes lists in the Hub's shapes: {@code GET /api/users/{username}/likes}
 * ({@code huggingface_hub hf_api.py list_liked_repos}, which reads {@code repo.name} and
 * {@code repo.type} of each item and counts them itself) and {@code GET /api/{type}s/{id}/likers}
 * ({@code list_repo_likers}, which reads {@code user}, {@code fullname} and {@code avatarUrl}).
 * Both newest like first, as many a page as the lists ({@link HubListing#DEFAULT_LIMIT}; the {@code limit}
 * parameter, 1 to {@link HubListing#MAX_LIMIT}), the next page in {@code Link} ({@link HubLinks}), which both client
 * functions follow ({@code utils/_pagination.py paginate}). The likes come from
 * {@link LikeService}, the same as the seed's {@code /api/like}, the pages' button and the Hub's
 * {@code POST /api/{type}s/{id}/like}.
 */
@Service
class HubLikes {

    private final LikeService likes;
    private final AccountDirectory accounts;
    private final HubRepos repos;

    HubLikes(LikeService likes, AccountDirectory accounts, HubRepos repos) {
        this.likes = likes;
        this.accounts = accounts;
        this.repos = repos;
    }

    /** One item of a user's likes: when, and which repository ({@code name} = its id, {@code type} = model or dataset). */
    record LikedRepo(Instant createdAt, LikedRepoName repo) {
    }

    /** The repository of a {@link LikedRepo}. */
    record LikedRepoName(String name, String type) {
    }

    /**
     * One user who likes a repository, as the Hub describes a user ({@code hf_api.py User}): {@code fullname} is the
     * username (no full names are kept here), {@code avatarUrl} absolute on the caller's address, as the Hub sends it.
     */
    record Liker(String user, String fullname, String avatarUrl, String type, boolean isPro) {
    }

    /** A page and the cursor of the next (null on the last). */
    record Page<T>(List<T> items, String next) {
    }

    /**
     * The repositories {@code username} likes that the caller may see: another user's private
     * repositories are left out as if never liked (a page is still full, {@link LikeService#likesOf}).
     *
     * @throws HubException 404 "User not found" for a name no user has (ignoring case; organisations included)
     * @throws BadRequestException for a {@code limit} out of range or a cursor no page gave
     */
    Page<LikedRepo> likedRepos(String username, String cursor, Integer limit, CurrentUser caller) {
        int size = size(limit);
        CurrentUser user = accounts.findByUsername(username).orElseThrow(() -> new HubException(HttpStatus.NOT_FOUND, null, "User not found", null));
        LikeService.LikePage<Repo> page = likes.likesOf(user.id(), cursor, size, caller);
        return new Page<>(page.items().stream()
                .map(l -> new LikedRepo(l.createdAt(), new LikedRepoName(l.what().getName(), l.what().getType()))).toList(), page.next());
    }

    /**
     * The users who like the repository.
     *
     * @throws HubException 404 {@code RepoNotFound} when it does not exist or the caller may not see it
     * @throws BadRequestException for a {@code limit} out of range or a cursor no page gave
     */
    Page<Liker> likers(HubRepoId id, String cursor, Integer limit, CurrentUser caller) {
        Repo repo = repos.readable(id, caller);
        LikeService.LikePage<String> page = likes.likersOf(repo, cursor, size(limit));
        Map<String, AccountDirectory.PublicUser> users = accounts.publicUsers(page.items().stream().map(LikeService.Liked::what).toList());
        // a user deleted between the two reads is left out (their likes go with the account)
        return new Page<>(page.items().stream().map(l -> users.get(l.what())).filter(Objects::nonNull)
                .map(u -> new Liker(u.username(), u.username(), RequestUrls.absolute(u.avatar()), "user", false)).toList(), page.next());
    }

    private static int size(Integer limit) {
        if (limit == null) {
            return HubListing.DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > HubListing.MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + HubListing.MAX_LIMIT);
        }
        return limit;
    }
}
