package io.modellibrary.catalog;

import java.util.Optional;

/**
 * Who holds a namespace now, as an identity that changes whenever the name is freed (its
 * user or organisation deleted) and claimed again. The catalogue keeps the identity with a
 * renamed repository's old name, so that a newcomer to a freed namespace cannot take over
 * an old name that still leads to someone else's repository (see
 * {@link RepoAliases#heldForAnother}), and a repository written while the holder is being
 * deleted is taken back ({@link #standing}). Implemented by the accounts' name registry.
 */
public interface NamespaceClaims {

    /** The identity of claims made before claims had identities (the same holder ever since). */
    String EARLIER = "earlier";

    /** {@link #standing} of a namespace whose holder is being deleted. */
    String CLOSING = "closing";

    /** {@link #standing} of a namespace nobody holds. */
    String FREE = "free";

    /**
     * The current claim of a namespace, compared ignoring case.
     *
     * @return its identity, {@link #EARLIER} for a claim from before identities; empty when
     *         nobody holds the name
     */
    Optional<String> currentClaim(String namespace);

    /**
     * What a write of a repository into the namespace compares before and after it writes
     * ({@code RepoService}): the current claim's identity ({@link #EARLIER} for an old claim),
     * {@link #CLOSING} while its holder's deletion is under way, {@link #FREE} when nobody holds it.
     * A write is kept only when both reads agree and neither is {@link #CLOSING}: a deletion marks the
     * name before it counts the namespace's repositories, so either its count sees the repository or
     * the write's second read sees the mark, or the name freed or claimed anew.
     */
    String standing(String namespace);
}
