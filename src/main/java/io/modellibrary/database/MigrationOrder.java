package io.modellibrary.database;

/**
 * The order of the start-up {@link Migration}s, in one place: each step's bean carries
 * {@code @Order(MigrationOrder.X)}, and {@link Migrations} runs them by these values. The
 * gaps leave room for new steps between old ones; a value may change (the order is only
 * the order of this start), a step's name may not.
 *
 * <ol>
 *   <li>blobs: the collector's indexes, the S3 store's pack indexes, then the pending objects'
 *   expiry (real MongoDB);</li>
 *   <li>versions: the indexes of trees, commits, change pages and refs, then the
 *   conversion of commits holding whole trees to tree documents, then the commit prefixes
 *   of commits written before them;</li>
 *   <li>accounts: the user and token indexes, then the name claims of users registered
 *   before names were claimed, then the avatars of the per-server folder moved into the blob
 *   store (needs the blob indexes);</li>
 *   <li>organisations: their indexes, then the teams of existing users converted into
 *   organisations (needs the users' names claimed), then the waiting invitations marked on the invitees' documents;</li>
 *   <li>catalogue: names unique ignoring case, the catalogue's indexes, the likes' paging indexes, the label taxonomy;</li>
 *   <li>the demo catalogue, last: it needs all the indexes and claims the owners' names.</li>
 * </ol>
 */
public final class MigrationOrder {

    public static final int BLOB_INDEXES = 100;
    public static final int BLOB_PACK_INDEXES = 105;
    public static final int PENDING_OBJECTS_EXPIRY = 110;
    public static final int VERSION_INDEXES = 200;
    public static final int TREES = 210;
    public static final int COMMIT_PREFIXES = 220;
    public static final int ACCOUNT_INDEXES = 300;
    public static final int USER_NAME_CLAIMS = 310;
    public static final int AVATARS_TO_BLOBS = 320;
    public static final int ORG_INDEXES = 400;
    public static final int TEAMS_TO_ORGANISATIONS = 410;
    public static final int ORG_INVITATION_MARKS = 420;
    public static final int REPO_NAMES_IGNORING_CASE = 500;
    public static final int CATALOG_INDEXES = 510;
    public static final int LIKE_PAGING_INDEXES = 515;
    public static final int LABEL_TAXONOMY = 520;
    public static final int DEMO_CATALOGUE = 900;

    private MigrationOrder() {
    }
}
