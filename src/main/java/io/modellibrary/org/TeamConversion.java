package io.modellibrary.org;

import io.modellibrary.account.AccountDirectory;
import io.modellibrary.account.Namespaces;
import io.modellibrary.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A start-up migration ({@link OrgMigrations}): turns the teams of existing users (the
 * seed's {@code team} field, compared ignoring case) into
 * organisations (docs/decisions.md O4). The earliest-registered member becomes {@code admin}, the others
 * {@code write}; the organisation is spelled as its earliest member typed it.
 *
 * <p>Idempotent: a team whose organisation exists is left alone (so people who named it
 * at registration after the conversion stay requesters), and each organisation is one
 * insert with all its members, so a crash converts a team fully or not at all. A team
 * named like a user (possible before: a user's team could be their own name) stays a
 * field only. Every conversion and skip is logged.
 */
@Component
class TeamConversion {

    private static final Logger log = LoggerFactory.getLogger(TeamConversion.class);

    private final OrgStore store;
    private final AccountDirectory accounts;
    private final Namespaces namespaces;

    TeamConversion(OrgStore store, AccountDirectory accounts, Namespaces namespaces) {
        this.store = store;
        this.accounts = accounts;
        this.namespaces = namespaces;
    }

    void convertTeams() {
        Map<String, List<AccountDirectory.TeamMember>> teams = accounts.usersWithTeams().stream()
                .collect(Collectors.groupingBy(m -> OrgNames.key(m.team()), LinkedHashMap::new, Collectors.toList()));
        teams.forEach((key, members) -> {
            if (store.find(key).isPresent()) {
                return;
            }
            String name = members.get(0).team();
            if (!namespaces.claimExisting(name, Namespaces.Kind.ORG) && namespaces.holder(name).orElse(null) != Namespaces.Kind.ORG) {
                log.warn("Team '{}' not converted: a user has that name; it stays a profile field only", name);
                return;
            }
            store.insert(Org.create(name, roles(members), true, Instant.now()));
            log.info("Converted team '{}' into an organisation: admin {}, write {}", name, members.get(0).username(),
                    members.stream().skip(1).map(AccountDirectory.TeamMember::username).toList());
        });
    }

    private static Map<String, Org.Member> roles(List<AccountDirectory.TeamMember> members) {
        Map<String, Org.Member> roles = new LinkedHashMap<>();
        for (int i = 0; i < members.size(); i++) {
            AccountDirectory.TeamMember m = members.get(i);
            roles.put(m.userId(), new Org.Member(m.username(), (i == 0 ? Role.ADMIN : Role.WRITE).id(), m.registeredAt()));
        }
        return roles;
    }
}
