package io.modellibrary.catalog;

import java.util.Optional;

/**
 * Who holds a namespace now, as an identity that changes whenever the name is freed (its
 * user or organisation deleted) and claimed again. The catalogue keeps the identity with a
 * renamed repository's old name, so that a newcomer to a freed namespace cannot take over
 * an old name that still leads to someone else's repository (see
 * {@link RepoAliases#heldForAnother}). Implemented by the accounts' name registry.
 */
public interface NamespaceClaims {

    /** The identity of claims made before claims had identities (the same holder ever since). */
    String EARLIER = "earlier";

    /**
     * The current claim of a namespace, compared ignoring case.
     *
     * @return its identity, {@link #EARLIER} for a claim from before identities; empty when
     *         nobody holds the name
     */
    Optional<String> currentClaim(String namespace);
}
