package io.modellibrary.org;

import io.modellibrary.account.AccountDirectory;
import io.modellibrary.database.Migration;
import io.modellibrary.database.MigrationOrder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The organisations' start-up {@link Migration}s (their place in the list is
 * {@link MigrationOrder}'s, after the users' names are claimed): the organisation indexes,
 * then the teams of existing users turned into organisations ({@link TeamConversion}), then the waiting invitations
 * marked on their invitees' documents.
 */
@Configuration(proxyBeanMethods = false)
class OrgMigrations {

    @Bean
    @Order(MigrationOrder.ORG_INDEXES)
    Migration orgIndexesMigration(MongoTemplate mongo) {
        return Migration.of("org-indexes", () -> {
            mongo.indexOps(Org.class).createIndex(new Index().on("memberIds", Direction.ASC).named("memberIds"));
            mongo.indexOps(OrgRequest.class).createIndex(new Index().on("orgKey", Direction.ASC).named("orgKey"));
            mongo.indexOps(OrgRequest.class).createIndex(new Index().on("userId", Direction.ASC).named("userId"));
        });
    }

    @Bean
    @Order(MigrationOrder.TEAMS_TO_ORGANISATIONS)
    Migration teamsToOrganisationsMigration(TeamConversion conversion) {
        return Migration.of("teams-to-organisations", conversion::convertTeams);
    }

    /**
     * The invitations waiting before the users' documents counted them (docs/decisions.md W19) marked on their
     * invitees' documents ({@link AccountDirectory#markInvitation}, idempotent), so the pages' header counts them.
     */
    @Bean
    @Order(MigrationOrder.ORG_INVITATION_MARKS)
    Migration invitationMarksMigration(MongoTemplate mongo, AccountDirectory accounts) {
        return Migration.of("org-invitation-marks", () -> mongo.find(
                        Query.query(Criteria.where("kind").is(OrgRequest.INVITATION)), OrgRequest.class)
                .forEach(invitation -> accounts.markInvitation(invitation.userId(), invitation.orgKey())));
    }
}
