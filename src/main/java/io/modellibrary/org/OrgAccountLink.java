package io.modellibrary.org;

import io.modellibrary.account.Namespaces;
import io.modellibrary.account.OrgLink;
import io.modellibrary.common.ApiException;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's {@code team} field and account deletion, on top of organisations
 * ({@link OrgLink}). Registering with a new team creates the organisation with the
 * registrant as admin; with an existing one it files a join request that grants nothing
 * until an admin accepts it (docs/decisions.md O3; before, a stranger typing {@code acme} got
 * acme's private repositories).
 */
@Component
class OrgAccountLink implements OrgLink {

    private static final Logger log = LoggerFactory.getLogger(OrgAccountLink.class);

    private final OrgStore store;
    private final OrgService orgs;
    private final Namespaces namespaces;
    private final Clock clock;

    OrgAccountLink(OrgStore store, OrgService orgs, Namespaces namespaces, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.orgs = orgs;
        this.namespaces = namespaces;
    }

    @Override
    public void requireJoinable(String team, String username) {
        if (!OrgNames.key(team).equals(OrgNames.key(username)) && namespaces.holder(team).orElse(null) == Namespaces.Kind.USER) {
            throw new BadRequestException("team '" + team + "' is the name of a user");
        }
    }

    @Override
    public void joinOnRegistration(CurrentUser user, String team) {
        if (namespaces.holder(team).isEmpty()) {
            try {
                orgs.create(team, user);
                return;
            } catch (ApiException taken) {
                if (taken.status() != HttpStatus.CONFLICT) {
                    throw taken;
                }
                // someone took the name meanwhile: join what they created, if it is an organisation
            }
        }
        Org org = store.find(team).orElseThrow(() -> namespaces.holder(team).orElse(null) == Namespaces.Kind.USER
                ? new BadRequestException("team '" + team + "' is the name of a user")
                : new ApiException(HttpStatus.CONFLICT, "team '" + team + "' is being created; try again"));
        if (org.admins() == 0) {
            return; // nobody could answer a request (a demo catalogue's owner): the team stays as typed, nothing pending
        }
        store.putRequest(new OrgRequest(OrgRequest.idOf(org.id(), user.id()), org.id(), org.name(), user.id(),
                user.username(), OrgRequest.REQUEST, null, clock.instant()));
    }

    @Override
    public String teamStatus(String userId, String team) {
        boolean member = store.find(team).flatMap(org -> org.roleOf(userId)).isPresent();
        if (member) {
            return "active";
        }
        return store.findRequest(OrgNames.key(team), userId).isPresent() ? "pending" : "";
    }

    @Override
    public List<Membership> organisationsOf(String userId) {
        return store.ofMember(userId).stream()
                .flatMap(org -> org.roleOf(userId).map(role -> new Membership(org.name(), role)).stream())
                .toList();
    }

    @Override
    public List<Namespaces.Closing> requireCanLeaveAll(CurrentUser user) {
        List<Namespaces.Closing> closings = new ArrayList<>();
        try {
            for (Org org : store.ofMember(user.id())) {
                if (!lastAdmin(org, user)) {
                    continue;
                }
                // sure to fail: refused before its name is closed, so writes into it at the same moment go on
                refuseWhileHolding(org, orgs.repositoryCount(org));
                try {
                    Namespaces.Closing closing = orgs.close(org);
                    if (closing != null) {
                        closings.add(closing);
                    }
                } catch (NoSuchItemException deletedMeanwhile) {
                    continue;
                }
                refuseWhileHolding(org, orgs.repositoryCount(org));
            }
        } catch (RuntimeException refused) {
            closings.forEach(namespaces::reopen);
            throw refused;
        }
        return closings;
    }

    /** The 409 of an account deletion while the organisation its user is the last admin of holds {@code held} repositories. */
    private static void refuseWhileHolding(Org org, int held) {
        if (held > 0) {
            throw new ApiException(HttpStatus.CONFLICT, "you are the last admin of " + org.name() + ", which still holds "
                    + OrgService.repositories(held) + ": make another member admin, or delete or move " + (held == 1 ? "it" : "them") + " first");
        }
    }

    @Override
    public void leaveAll(CurrentUser user, List<Namespaces.Closing> closings) {
        Map<String, Namespaces.Closing> byName = new HashMap<>();
        closings.forEach(closing -> byName.put(OrgNames.key(closing.name()), closing));
        for (Org org : store.ofMember(user.id())) {
            Namespaces.Closing closing = byName.remove(org.id());
            if (lastAdmin(org, user)) {
                dissolveIfEmpty(org, closing);
            } else {
                store.change(org.id(), o -> o.roleOf(user.id()).isPresent() ? o.withoutMember(user.id()) : o);
            }
        }
        byName.values().forEach(namespaces::reopen);
        store.removeRequestsFor(user.id());
    }

    /**
     * Deletes the organisation of a departing last admin when it still holds no repository: its mark is
     * re-armed (or, when the organisation became theirs alone meanwhile, made) and its repositories counted
     * again, since the mark may have passed its time while the account's deletion went on. Should it hold
     * one now, or another deletion of it be under way, it stays (logged): its name stays held.
     */
    private void dissolveIfEmpty(Org org, Namespaces.Closing closing) {
        Namespaces.Closing mark = closing;
        if (mark == null || !namespaces.affirm(mark)) {
            try {
                mark = orgs.close(org);
            } catch (ApiException | NoSuchItemException notNow) {
                log.warn("Kept the organisation {} of a deleted account's last admin: {}", org.name(), notNow.getMessage());
                return;
            }
        }
        if (orgs.repositoryCount(org) > 0) {
            if (mark != null) {
                namespaces.reopen(mark);
            }
            log.warn("Kept the organisation {} of a deleted account's last admin: a repository was written into it meanwhile", org.name());
            return;
        }
        orgs.dissolve(org);
    }

    private static boolean lastAdmin(Org org, CurrentUser user) {
        return org.roleOf(user.id()).orElse(null) == Role.ADMIN && org.admins() == 1;
    }
}
