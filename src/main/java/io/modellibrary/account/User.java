package io.modellibrary.account;

import io.modellibrary.security.CurrentUser;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * A registered user. {@code usernameKey} and {@code teamKey} are the lower-cased names
 * ({@code team} is the seed's registration field: the organisation asked for, see
 * {@link OrgLink}; it grants nothing by itself);
 * the unique index on {@code usernameKey} makes {@code Alice} and {@code alice} one name.
 * Only the password's hash is kept, in the delegating encoder's {@code {id}hash} form.
 */
@Document(User.COLLECTION)
class User {

    static final String COLLECTION = "users";

    @Id
    private String id;
    private String username;
    private String usernameKey;
    private String passwordHash;
    private String team;
    private String teamKey;
    private String avatar;
    private Instant createdAt;
    /** Sessions signed in at or before this instant are refused; null when never set. */
    private Instant sessionsValidAfter;
    /** Sessions signed out ({@link AccountManagement#signOut}), refused whenever signed in; null when none. */
    private List<EndedSession> endedSessions;
    /**
     * The keys of the organisations whose invitation waits for this user ({@link AccountDirectory#markInvitation}):
     * what the pages' header counts, read with the session check at no cost of its own; null when none.
     */
    private List<String> invitedBy;

    protected User() {
    }

    User(String username, String passwordHash, String team, String avatar, Instant createdAt) {
        this.username = username;
        this.usernameKey = Names.key(username);
        this.passwordHash = passwordHash;
        this.team = team;
        this.teamKey = team == null ? null : Names.key(team);
        this.avatar = avatar;
        this.createdAt = createdAt;
    }

    CurrentUser toCurrentUser() {
        return new CurrentUser(id, username, null);
    }

    String getId() { return id; }
    String getUsername() { return username; }
    String getUsernameKey() { return usernameKey; }
    String getPasswordHash() { return passwordHash; }
    String getTeam() { return team; }
    String getTeamKey() { return teamKey; }
    String getAvatar() { return avatar; }
    Instant getCreatedAt() { return createdAt; }
    Instant getSessionsValidAfter() { return sessionsValidAfter; }
    List<EndedSession> getEndedSessions() { return endedSessions == null ? List.of() : endedSessions; }
    List<String> getInvitedBy() { return invitedBy == null ? List.of() : invitedBy; }

    /**
     * A signed-out session, kept until no token of it could be valid anyway ({@code max-session-age}
     * after its sign-in).
     *
     * @param sid        its id ({@link io.modellibrary.security.SignedInSession#id()})
     * @param signedInAt its sign-in time
     */
    record EndedSession(String sid, Instant signedInAt) {
    }
}
