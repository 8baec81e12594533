package io.modellibrary.org;

import io.modellibrary.account.AccountDirectory;
import io.modellibrary.account.Namespaces;
import io.modellibrary.catalog.AvatarSource;
import io.modellibrary.catalog.CatalogService;
import io.modellibrary.catalog.RepoListItem;
import io.modellibrary.common.ApiException;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.common.Times;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Organisations, members, join requests and invitations (docs/http-contract.md#roles). Members are changed
 * only through {@link OrgStore#change} (the last admin can neither leave nor be demoted);
 * requests and invitations grant nothing until accepted, and are used once. Managing
 * members needs {@code admin}; anyone may read an organisation's public part.
 */
@Service
public class OrgService {

    private final OrgStore store;
    private final Namespaces namespaces;
    private final AccountDirectory accounts;
    private final CatalogService catalog;
    private final Clock clock;

    private final io.modellibrary.catalog.BareRepoNames bareRepos;

    /** Runs between a deletion's count of the repositories and its answer: a seam for tests of races. */
    volatile Runnable afterCount = () -> { };

    OrgService(OrgStore store, Namespaces namespaces, AccountDirectory accounts, CatalogService catalog,
               io.modellibrary.catalog.BareRepoNames bareRepos, Clock clock) {
        this.bareRepos = bareRepos;
        this.clock = clock;
        this.store = store;
        this.namespaces = namespaces;
        this.accounts = accounts;
        this.catalog = catalog;
    }

    /** Creates the organisation with the caller as its admin; 409 when a user or organisation has the name. */
    public Org create(String name, CurrentUser caller) {
        OrgNames.valid("name", name);
        if (bareRepos.taken(name)) {
            throw new ApiException(HttpStatus.CONFLICT, "the name " + name + " is taken by a repository without namespace");
        }
        if (!namespaces.claim(name, Namespaces.Kind.ORG)) {
            throw new ApiException(HttpStatus.CONFLICT, "the name " + name + " is taken");
        }
        try {
            return store.insert(Org.create(name, Map.of(caller.id(), newMember(caller, Role.ADMIN)), false, clock.instant()));
        } catch (RuntimeException e) {
            namespaces.release(name, Namespaces.Kind.ORG);
            throw e;
        }
    }

    public OrgViews.OrgPage page(String name, CurrentUser caller) {
        Org org = store.get(name);
        Role role = caller == null ? null : org.roleOf(caller.id()).orElse(null);
        List<OrgViews.MemberView> members = role == null ? null : org.members().values().stream()
                .map(m -> new OrgViews.MemberView(m.username(), m.role(), Times.format(m.since())))
                .toList();
        List<RepoListItem> repos = catalog.inNamespace(org.name(), caller).stream().map(RepoListItem::of).toList();
        return new OrgViews.OrgPage(org.name(), AvatarSource.DEFAULT_AVATAR, Times.format(org.createdAt()),
                role == null ? null : role.id(), members, repos);
    }

    /** The organisations a user is a member of, with their roles, by name: public, as on the Hub's profile pages; 404 for no such user. */
    public List<OrgViews.MyOrg> organisationsOf(String username) {
        CurrentUser user = user(username);
        return store.ofMember(user.id()).stream()
                .map(o -> new OrgViews.MyOrg(o.name(), o.roleOf(user.id()).map(Role::id).orElse(null)))
                .toList();
    }

    /**
     * The caller's organisations with their roles, their own waiting join requests and the invitations waiting for them;
     * the marks the pages' header counts are settled with the invitations read ({@link AccountDirectory#settleInvitations}).
     */
    public OrgViews.Mine mine(CurrentUser caller) {
        List<OrgViews.MyOrg> orgs = store.ofMember(caller.id()).stream()
                .map(o -> new OrgViews.MyOrg(o.name(), o.roleOf(caller.id()).map(Role::id).orElse(null)))
                .toList();
        List<String> marked = accounts.invitationMarks(caller.id());
        List<OrgRequest> pending = store.requestsFor(caller.id());
        accounts.settleInvitations(caller.id(), marked,
                pending.stream().filter(r -> OrgRequest.INVITATION.equals(r.kind())).map(OrgRequest::orgKey).toList());
        return new OrgViews.Mine(orgs, pendingOf(pending, OrgRequest.REQUEST), pendingOf(pending, OrgRequest.INVITATION));
    }

    /** An organisation's waiting join requests and sent invitations; 403 unless the caller is its admin. */
    public OrgViews.Waiting waiting(String name, CurrentUser caller) {
        Org org = requireAdmin(name, caller);
        List<OrgRequest> pending = store.requestsOf(org.id());
        return new OrgViews.Waiting(pendingOf(pending, OrgRequest.REQUEST), pendingOf(pending, OrgRequest.INVITATION));
    }

    /** True when an organisation of this name (any case) exists. */
    public boolean exists(String name) {
        return store.find(name).isPresent();
    }

    /**
     * True when someone could answer a join request to the organisation of this name: it has an admin
     * (the demo catalogue's organisations have none; {@link #requestToJoin} refuses those).
     *
     * @throws io.modellibrary.common.NoSuchItemException when there is no such organisation
     */
    public boolean answersJoinRequests(String name) {
        return store.get(name).admins() > 0;
    }

    /**
     * The caller asks to join (replacing an invitation they had: they can accept that instead).
     *
     * @throws BadRequestException when the organisation has no admin (the demo catalogue's owners): nobody could answer
     */
    public void requestToJoin(String name, CurrentUser caller) {
        Org org = store.get(name);
        if (org.roleOf(caller.id()).isPresent()) {
            throw new ApiException(HttpStatus.CONFLICT, caller.username() + " is already a member of " + org.name());
        }
        if (org.admins() == 0) {
            throw new BadRequestException(org.name() + " has no admin who could answer a join request");
        }
        if (store.findRequest(org.id(), caller.id()).isEmpty()) {
            store.putRequest(request(org, caller, OrgRequest.REQUEST, null));
        }
    }

    /** An admin accepts a join request with a role; 404 when there is none from that user. */
    public Org acceptRequest(String name, String username, Role role, CurrentUser caller) {
        Org org = requireAdmin(name, caller);
        CurrentUser user = user(username);
        store.takeRequest(org.id(), user.id(), OrgRequest.REQUEST)
                .orElseThrow(() -> new NoSuchItemException("no join request from " + username));
        return store.change(org.id(), o -> o.withMember(user.id(), user.username(), role, clock.instant()));
    }

    /** An admin refuses a join request; 404 when there is none from that user. */
    public void declineRequest(String name, String username, CurrentUser caller) {
        Org org = requireAdmin(name, caller);
        CurrentUser user = user(username);
        store.takeRequest(org.id(), user.id(), OrgRequest.REQUEST)
                .orElseThrow(() -> new NoSuchItemException("no join request from " + username));
    }

    /**
     * An admin invites a user with a role; it replaces the user's own request, if any. The user's document is marked
     * first ({@link AccountDirectory#markInvitation}: the pages' header counts it), then the invitation stored.
     */
    public void invite(String name, String username, Role role, CurrentUser caller) {
        Org org = requireAdmin(name, caller);
        CurrentUser user = user(username);
        if (org.roleOf(user.id()).isPresent()) {
            throw new ApiException(HttpStatus.CONFLICT, user.username() + " is already a member of " + org.name());
        }
        accounts.markInvitation(user.id(), org.id());
        store.putRequest(request(org, user, OrgRequest.INVITATION, role));
    }

    /** The invited caller joins with the invitation's role; 404 when there is none. */
    public Org acceptInvitation(String name, CurrentUser caller) {
        Org org = store.get(name);
        OrgRequest invitation = store.takeRequest(org.id(), caller.id(), OrgRequest.INVITATION)
                .orElseThrow(() -> new NoSuchItemException("no invitation to " + org.name()));
        accounts.unmarkInvitation(caller.id(), org.id());
        Role role = Role.parse("role", invitation.role());
        return store.change(org.id(), o -> o.withMember(caller.id(), caller.username(), role, clock.instant()));
    }

    /** The invited caller declines; 404 when there is none. */
    public void declineInvitation(String name, CurrentUser caller) {
        Org org = store.get(name);
        store.takeRequest(org.id(), caller.id(), OrgRequest.INVITATION)
                .orElseThrow(() -> new NoSuchItemException("no invitation to " + org.name()));
        accounts.unmarkInvitation(caller.id(), org.id());
    }

    /** An admin changes a member's role; 409 when that would leave no admin. */
    public Org setRole(String name, String username, Role role, CurrentUser caller) {
        Org org = requireAdmin(name, caller);
        CurrentUser user = member(org, username);
        return store.change(org.id(), o -> {
            requireMember(o, user);
            return o.withMember(user.id(), user.username(), role, clock.instant());
        });
    }

    /** An admin removes a member, or a member leaves. */
    public Org remove(String name, String username, CurrentUser caller) {
        Org org = store.get(name);
        boolean self = username.equalsIgnoreCase(caller.username());
        if (!self) {
            requireAdmin(name, caller);
        }
        CurrentUser user = member(org, username);
        return store.change(org.id(), o -> {
            requireMember(o, user);
            return o.withoutMember(user.id());
        });
    }

    /**
     * An admin deletes the organisation: its members, pending join requests and invitations go and
     * its name is free again, as when its last admin deletes their account ({@link #dissolve}).
     * Repositories are never deleted with it: while it holds any, nothing changes. The name is
     * closed ({@link Namespaces#close}) before the repositories are counted, so a repository created
     * or moved into it meanwhile is either counted (409) or taken back from its creator (403); the
     * mark goes again with a refusal.
     *
     * @throws NoSuchItemException when there is no such organisation (404)
     * @throws ApiException 403 unless the caller is its admin (and their token may act as one);
     *         409 naming how many repositories it still holds while it holds any, or while another
     *         deletion of it is under way
     */
    public void delete(String name, CurrentUser caller) {
        Org org = requireAdmin(name, caller);
        // a deletion sure to fail refuses before it closes the name, so that writes into the
        // organisation at the same moment are not refused for nothing (a newcomer's probe)
        refuseWhileHolding(org, repositoryCount(org));
        Namespaces.Closing closing = close(org);
        try {
            int held = repositoryCount(org);
            afterCount.run();
            refuseWhileHolding(org, held);
        } catch (RuntimeException refused) {
            if (closing != null) {
                namespaces.reopen(closing);
            }
            throw refused;
        }
        dissolve(org);
    }

    /** The 409 of a deletion while the organisation holds {@code held} repositories; nothing when it holds none. */
    private static void refuseWhileHolding(Org org, int held) {
        if (held > 0) {
            throw new ApiException(HttpStatus.CONFLICT, org.name() + " still holds " + repositories(held)
                    + ": delete or move " + (held == 1 ? "it" : "them") + " to another namespace first");
        }
    }

    /**
     * Marks the organisation's name as closing ({@link Namespaces#close}), before its repositories are counted,
     * and checks that the organisation read before is still there (not deleted and founded anew meanwhile).
     *
     * @return the mark; null when no organisation's claim holds the name (an organisation older than the name
     *         registry): there is nothing to close, and its deletion frees no name
     * @throws NoSuchItemException when the organisation was deleted meanwhile (404)
     * @throws ApiException 409 while another deletion of it (an admin's, or its last admin's account's) is under way
     */
    Namespaces.Closing close(Org org) {
        Namespaces.Closing mark = namespaces.close(org.name(), Namespaces.Kind.ORG).orElse(null);
        if (mark == null && namespaces.holder(org.name()).orElse(null) == Namespaces.Kind.ORG) {
            throw new ApiException(HttpStatus.CONFLICT, org.name() + " is being deleted; try again");
        }
        if (store.find(org.name()).map(Org::createdAt).filter(org.createdAt()::equals).isEmpty()) {
            if (mark != null) {
                namespaces.reopen(mark);
            }
            throw new NoSuchItemException("no such organisation");
        }
        return mark;
    }

    /**
     * How many repositories the organisation's namespace holds, private ones included (whoever asks):
     * an organisation is deleted only when this is 0, by an admin or with its last admin's account.
     */
    int repositoryCount(Org org) {
        return Math.toIntExact(catalog.countInNamespace(org.name()));
    }

    /** {@code 1 repository}, {@code 3 repositories}: the count a refusal names. */
    static String repositories(int count) {
        return count + (count == 1 ? " repository" : " repositories");
    }

    /**
     * Removes the organisation, its members, its pending join requests and invitations, then frees its
     * name. The old names of repositories renamed out of it stay with those repositories: the name's
     * next holder gets a new claim identity ({@link Namespaces#claim}), so it can neither create nor
     * rename onto them ({@code catalog/RepoAliases}). An organisation has no avatar of its own (every
     * organisation shows the default image), so there is no avatar blob to release. Users whose
     * {@code team} named it have no team any more ({@link AccountDirectory#forgetTeam}): before the name
     * is freed, so that a newcomer founding it with their registration keeps theirs; the users it invited lose the
     * invitation's mark ({@link AccountDirectory#unmarkInvitations}). The caller closed
     * the name ({@link #close}), then checked that it holds no repository ({@link #repositoryCount}).
     */
    void dissolve(Org org) {
        List<String> invited = store.requestsOf(org.id()).stream().filter(r -> OrgRequest.INVITATION.equals(r.kind()))
                .map(OrgRequest::userId).toList();
        store.delete(org);
        accounts.unmarkInvitations(org.id(), invited);
        accounts.forgetTeam(org.name());
        namespaces.release(org.name(), Namespaces.Kind.ORG);
    }

    private Org requireAdmin(String name, CurrentUser caller) {
        Org org = store.get(name);
        if (org.roleOf(caller.id()).filter(r -> r == Role.ADMIN).isEmpty() || !caller.ceiling().atLeast(Role.ADMIN)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "managing " + org.name() + " needs the admin role");
        }
        return org;
    }

    private CurrentUser user(String username) {
        return accounts.findByUsername(username).orElseThrow(() -> new NoSuchItemException("no such user: " + username));
    }

    private CurrentUser member(Org org, String username) {
        CurrentUser user = accounts.findByUsername(username).orElse(null);
        if (user == null || org.roleOf(user.id()).isEmpty()) {
            throw new NoSuchItemException(username + " is not a member of " + org.name());
        }
        return user;
    }

    private static void requireMember(Org org, CurrentUser user) {
        if (org.roleOf(user.id()).isEmpty()) {
            throw new NoSuchItemException(user.username() + " is not a member of " + org.name());
        }
    }

    Org.Member newMember(CurrentUser user, Role role) {
        return new Org.Member(user.username(), role.id(), clock.instant());
    }

    private OrgRequest request(Org org, CurrentUser user, String kind, Role role) {
        return new OrgRequest(OrgRequest.idOf(org.id(), user.id()), org.id(), org.name(), user.id(), user.username(),
                kind, role == null ? null : role.id(), clock.instant());
    }

    private static List<OrgViews.Pending> pendingOf(List<OrgRequest> requests, String kind) {
        return requests.stream().filter(r -> kind.equals(r.kind()))
                .map(r -> new OrgViews.Pending(r.org(), r.username(), r.role(), Times.format(r.createdAt())))
                .toList();
    }
}
