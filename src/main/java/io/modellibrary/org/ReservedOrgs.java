package io.modellibrary.org;

import io.modellibrary.account.Namespaces;
import io.modellibrary.common.BadRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;

/**
 * Organisations without members, for namespaces that must not be registered by anyone:
 * the owners of the demo repositories ({@code dslim}, {@code microsoft}, ...). Such an
 * organisation shows its public repositories at {@code GET /api/orgs/<name>}; registering
 * its name answers as for any taken name, and nobody has a role in it, so nobody may
 * change its repositories.
 */
@Component
public class ReservedOrgs {

    private static final Logger log = LoggerFactory.getLogger(ReservedOrgs.class);

    private final OrgStore store;
    private final Namespaces namespaces;

    ReservedOrgs(OrgStore store, Namespaces namespaces) {
        this.store = store;
        this.namespaces = namespaces;
    }

    /**
     * Makes {@code name} an organisation with no members unless it is one already.
     * Idempotent, and finishes a claim an earlier run left without its organisation. A
     * name held by a user, or not valid as an organisation name, is left as it is (logged).
     *
     * @return true when the name is an organisation afterwards
     */
    public boolean reserve(String name) {
        try {
            OrgNames.valid("name", name);
        } catch (BadRequestException invalid) {
            log.warn("'{}' cannot be an organisation ({}); its name stays free", name, invalid.getMessage());
            return false;
        }
        if (store.find(name).isPresent()) {
            return true;
        }
        if (!namespaces.claimExisting(name, Namespaces.Kind.ORG) && namespaces.holder(name).orElse(null) != Namespaces.Kind.ORG) {
            log.warn("'{}' is the name of a user; it stays theirs", name);
            return false;
        }
        try {
            store.insert(Org.create(name, Map.of(), false, Instant.now()));
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            // made meanwhile by another server: what we wanted
        }
        return true;
    }
}
