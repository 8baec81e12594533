package io.modellibrary.catalog;

import org.springframework.stereotype.Component;

/**
 * Names of namespace-less repositories ({@code squad}, {@code bert-base-uncased}): a user or
 * an organisation may not take one, because {@code /squad} and {@code /api/models/squad/...}
 * would then mean two things. Looked up in the unique {@code (type, nameLower)} index, for
 * registrations and organisation creations only.
 */
@Component
public class BareRepoNames {

    private final RepoRepository repos;

    BareRepoNames(RepoRepository repos) {
        this.repos = repos;
    }

    /** True when a model or dataset without namespace has this name, ignoring case. */
    public boolean taken(String name) {
        if (name == null || name.isBlank() || name.indexOf('/') >= 0) {
            return false;
        }
        String lower = RepoAliases.lower(name);
        for (RepoType type : RepoType.values()) {
            if (repos.findByTypeAndNameLower(type.id(), lower).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
