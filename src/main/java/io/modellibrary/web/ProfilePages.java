package io.modellibrary.web;

import io.modellibrary.account.AccountService;
import io.modellibrary.catalog.CatalogService;
import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.org.OrgService;
import io.modellibrary.org.OrgViews;
import io.modellibrary.security.CurrentUser;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The profile pages at {@code /{name}}, as the Hub has them: a user's or an organisation's
 * avatar, its models and datasets the caller may see (their own private ones for the user
 * themself and for members), a user's organisations (and, on their own page, the invitations
 * waiting for them), an organisation's members (to members
 * only, as {@code GET /api/orgs/{org}} shows them) and the caller's way in (join request,
 * invitation). Built from the services the API calls: {@link AccountService}, {@link OrgService},
 * {@link CatalogService}.
 */
@Component
class ProfilePages {

    private final AccountService accounts;
    private final OrgService orgs;
    private final CatalogService catalog;
    private final CataloguePages cards;

    ProfilePages(AccountService accounts, OrgService orgs, CatalogService catalog, CataloguePages cards) {
        this.accounts = accounts;
        this.orgs = orgs;
        this.catalog = catalog;
        this.cards = cards;
    }

    /** The profile of the user of this name (ignoring case); empty when no user has it. */
    Optional<AccountViews.UserProfile> user(String name, CurrentUser caller) {
        return accounts.publicProfile(name).map(user -> {
            List<Repo> repos = catalog.inNamespace(user.username(), caller);
            List<AccountViews.OrgLinkRow> memberships = orgs.organisationsOf(user.username()).stream()
                    .map(o -> new AccountViews.OrgLinkRow(o.name(), "/" + o.name(), o.role())).toList();
            boolean self = caller != null && caller.username().equalsIgnoreCase(user.username());
            List<AccountViews.OrgLinkRow> invitations = !self ? List.of() : orgs.mine(caller).invitations().stream()
                    .map(p -> new AccountViews.OrgLinkRow(p.org(), "/" + p.org(), p.role())).toList();
            return new AccountViews.UserProfile(user.username(), user.avatar(), Formats.day(user.createdAt()), self,
                    cards.cards(RepoType.MODEL, repos, caller), cards.cards(RepoType.DATASET, repos, caller), memberships,
                    invitations);
        });
    }

    /** The page of the organisation of this name (ignoring case); empty when there is none. */
    Optional<AccountViews.OrgProfile> org(String name, CurrentUser caller) {
        OrgViews.OrgPage org;
        try {
            org = orgs.page(name, caller);
        } catch (NoSuchItemException e) {
            return Optional.empty();
        }
        List<Repo> repos = catalog.inNamespace(org.name(), caller);
        Join join = joinState(org, caller);
        return Optional.of(new AccountViews.OrgProfile(org.name(), org.avatar(), day(org.createdAt()),
                org.yourRole(), members(org), cards.cards(RepoType.MODEL, repos, caller),
                cards.cards(RepoType.DATASET, repos, caller), join.state(), join.invitedAs()));
    }

    /**
     * The name of the deleted organisation a profile's notice names ({@code ?deletedOrg=} after the
     * deletion form): empty for none, for a value that is no organisation name, and while an
     * organisation of that name exists.
     */
    Optional<String> deletedOrg(String name) {
        return Optional.ofNullable(name).filter(n -> n.matches("[A-Za-z0-9._-]{1,64}") && !orgs.exists(n));
    }

    /** The members page of an organisation; 403 unless the caller is its admin, 404 when there is no such organisation. */
    AccountViews.MembersPage members(String name, CurrentUser caller) {
        OrgViews.Waiting waiting = orgs.waiting(name, caller);
        OrgViews.OrgPage org = orgs.page(name, caller);
        return new AccountViews.MembersPage(org.name(), members(org), waiting.requests(), waiting.invitations());
    }

    private static List<AccountViews.MemberRow> members(OrgViews.OrgPage org) {
        return org.members() == null ? null : org.members().stream()
                .map(m -> new AccountViews.MemberRow(m.username(), "/" + m.username(), m.role(), day(m.since())))
                .toList();
    }

    /** The {@code yyyy-MM-dd} of an API time stamp ({@code 2024-05-01T12:00:00.000Z}); empty for none. */
    private static String day(String time) {
        return time == null || time.length() < 10 ? "" : time.substring(0, 10);
    }

    /** How the caller stands towards an organisation ({@link AccountViews.OrgProfile#joinState()}), and the role an invitation offers them. */
    private record Join(String state, String invitedAs) {
    }

    private Join joinState(OrgViews.OrgPage org, CurrentUser caller) {
        if (caller == null) {
            return new Join("anonymous", null);
        }
        if (org.yourRole() != null) {
            return new Join("member", null);
        }
        OrgViews.Mine mine = orgs.mine(caller);
        Optional<OrgViews.Pending> invitation = mine.invitations().stream()
                .filter(p -> p.org().equalsIgnoreCase(org.name())).findFirst();
        if (invitation.isPresent()) {
            return new Join("invited", invitation.get().role());
        }
        boolean requested = mine.requests().stream().anyMatch(p -> p.org().equalsIgnoreCase(org.name()));
        if (!requested && !orgs.answersJoinRequests(org.name())) {
            return new Join("closed", null);
        }
        return new Join(requested ? "requested" : "none", null);
    }
}
