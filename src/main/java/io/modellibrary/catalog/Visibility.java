package io.modellibrary.catalog;

import io.modellibrary.security.CurrentUser;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * Who may see a repository: everyone when it is public; otherwise only the owner of its
 * namespace (a user, or a member of the team the namespace names).
 */
public final class Visibility {

    private Visibility() {
    }

    public static boolean canSee(Repo repo, CurrentUser user) {
        return !repo.isPrivateRepo() || canWrite(repo, user);
    }

    public static boolean canWrite(Repo repo, CurrentUser user) {
        return user != null && user.namespaces().contains(repo.getOwner());
    }

    /** The same rule as a query criterion. */
    public static Criteria criteria(CurrentUser user) {
        if (user == null) {
            return Criteria.where("isPrivate").is(false);
        }
        return new Criteria().orOperator(
                Criteria.where("isPrivate").is(false),
                Criteria.where("owner").in(user.namespaces()));
    }
}
