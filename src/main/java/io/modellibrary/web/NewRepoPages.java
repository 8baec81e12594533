package io.modellibrary.web;

import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoService;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.catalog.ReservedNameException;
import io.modellibrary.catalog.Taxonomy;
import io.modellibrary.common.ApiException;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.content.NewRepositories;
import io.modellibrary.org.OrgService;
import io.modellibrary.org.OrgViews;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The new-repository pages at the Hub's URLs, {@code /new} (a model) and {@code /new-dataset}: the
 * form's choices (the caller and the organisations where they may create repositories, the type's
 * tasks) and the creation itself through {@link NewRepositories}, as the Hub's {@code POST /api/repos/create}
 * does (a first commit with the Hub's {@code .gitattributes}), with {@link RepoService}'s rules: the
 * {@code write} role in the namespace (403 otherwise), a fresh valid name (400), a name not taken
 * (its "item already exists", a 409 here).
 */
@Component
class NewRepoPages {

    /** The form's fields as sent (owner and name without surrounding white space); "" for a field left out. */
    record Entered(String owner, String name, String visibility, String task) {
    }

    private final NewRepositories newRepositories;
    private final OrgService orgs;

    NewRepoPages(NewRepositories newRepositories, OrgService orgs) {
        this.newRepositories = newRepositories;
        this.orgs = orgs;
    }

    /** The empty form; {@code owner} is chosen when it is one of the caller's owners, else the caller. */
    WebViews.NewRepoPage blank(RepoType type, String owner, CurrentUser user) {
        List<String> owners = owners(user);
        String chosen = owners.stream().filter(o -> o.equalsIgnoreCase(owner.strip())).findFirst().orElse(user.username());
        return page(type, owners, new Entered(chosen, "", "public", ""));
    }

    /** The form again with what was entered (after a refusal). */
    WebViews.NewRepoPage again(RepoType type, Entered entered, CurrentUser user) {
        return page(type, owners(user), entered);
    }

    /**
     * Creates {@code owner/name} ({@code owner} "": the caller) and answers its page's URL.
     *
     * @throws BadRequestException a blank name, a name with {@code /}, a visibility other than
     *                             {@code public} or {@code private}, a task not offered, or what
     *                             {@link RepoService} refuses in the name
     * @throws ApiException        403 without {@code write} in the namespace, 409 when the name is taken
     * @throws UncheckedIOException when the first commit's blobs cannot be stored (a full disk: a 507 page)
     */
    String create(RepoType type, Entered entered, CurrentUser user) {
        boolean privateRepo = RepoSettingsController.visibility(entered.visibility());
        if (entered.name().isEmpty()) {
            throw new BadRequestException("the " + type.id() + " needs a name");
        }
        if (entered.name().indexOf('/') >= 0) {
            throw new BadRequestException("the name may not contain “/”: choose the owner in its list");
        }
        String full = (entered.owner().isEmpty() ? user.username() : entered.owner()) + "/" + entered.name();
        try {
            Repo repo = newRepositories.create(type, full, privateRepo, labels(type, entered.task()), null, user);
            return new RepoUrls(type, repo.getName()).home();
        } catch (RuntimeException e) {
            throw nameRefused(e, type, full);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The page's answer to {@code e}, failed to give a repository the name {@code name} (a new one's or a
     * rename's): 409 with the reason for a name kept as another holder's old name ({@link ReservedNameException}),
     * 409 "the model alice/bert already exists: choose another name" for a taken one; any other failure as it is.
     */
    static RuntimeException nameRefused(RuntimeException e, RepoType type, String name) {
        if (e instanceof ReservedNameException reserved) {
            return new ApiException(HttpStatus.CONFLICT, reserved.explanation());
        }
        if (RepoService.isAlreadyExists(e)) {
            return new ApiException(HttpStatus.CONFLICT, "the " + type.id() + " " + name + " already exists: choose another name");
        }
        return e;
    }

    /** The caller's own name, then their organisations where they hold {@code write} or {@code admin}, by name. */
    private List<String> owners(CurrentUser user) {
        List<String> owners = new ArrayList<>(List.of(user.username()));
        orgs.mine(user).organisations().stream()
                .filter(o -> o.role() != null && Role.parse("role", o.role()).atLeast(Role.WRITE))
                .map(OrgViews.MyOrg::name)
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .forEach(owners::add);
        return owners;
    }

    private static WebViews.NewRepoPage page(RepoType type, List<String> owners, Entered entered) {
        boolean model = type == RepoType.MODEL;
        return new WebViews.NewRepoPage(type.id(), model ? "/new" : "/new-dataset", owners, entered.owner(), entered.name(),
                "private".equals(entered.visibility()), tasks(type), entered.task(), model ? "/new-dataset" : "/new");
    }

    private static List<String> tasks(RepoType type) {
        return Taxonomy.of(type).getOrDefault("task", List.of());
    }

    /** The task as the repository's {@code task} label; none for ""; a 400 for a task the form does not offer. */
    private static Map<String, List<String>> labels(RepoType type, String task) {
        if (task.isEmpty()) {
            return null;
        }
        if (!tasks(type).contains(task)) {
            throw new BadRequestException("choose the task in its list (or none)");
        }
        return Map.of("task", List.of(task));
    }
}
