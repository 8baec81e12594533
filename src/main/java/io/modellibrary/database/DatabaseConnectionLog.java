package io.modellibrary.database;

import com.mongodb.connection.ServerDescription;
import com.mongodb.event.ServerDescriptionChangedEvent;
import com.mongodb.event.ServerListener;
import io.modellibrary.common.Outage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line each time the driver's view of a database server changes in a way an operator wants
 * to know: it became reachable (at start, after an outage, a replica set member that became primary)
 * or stopped being reachable, with the driver's reason. These replace the lines of the driver's own
 * logger {@code org.mongodb.driver.cluster}, which {@code application.yaml} sets to WARN because it
 * also writes a line for every request that waits for a server ("Waiting for server to become
 * available for operation find ..."): while the host of a joined embedded database is stopped, one
 * per refused request beside {@link Outage#DATABASE}'s rate-limited WARN. That logger's other INFO
 * lines were the server monitor's state changes ("Monitor thread successfully connected to server
 * ...", "Exception in monitor thread while connecting to server ..." with a stack trace), which this
 * class says in one line each, and a replica set's topology changes ("Discovered replica set primary",
 * "Adding discovered server", driver 5.6 {@code AbstractMultiServerCluster}), whose effect (a member
 * reachable, or primary) shows here too. A request cannot cause a line: they follow the server's
 * state, which the driver's monitor watches (every 10 s, and at once when a connection breaks).
 */
final class DatabaseConnectionLog implements ServerListener {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConnectionLog.class);

    @Override
    public void serverDescriptionChanged(ServerDescriptionChangedEvent event) {
        ServerDescription before = event.getPreviousDescription();
        ServerDescription now = event.getNewDescription();
        if (now.isOk() && (!before.isOk() || before.getType() != now.getType())) {
            log.info("Database: connected to {} ({})", now.getAddress(), now.getType());
        } else if (!now.isOk() && now.getException() != null && (before.isOk() || before.getException() == null)) {
            log.info("Database: cannot reach {} ({})", now.getAddress(), Outage.reason(now.getException()));
        }
    }
}
