package io.modellibrary.catalog;

import org.springframework.data.mongodb.repository.MongoRepository;

import java.util.Optional;

/** Spring Data access to {@link Repo} documents. */
public interface RepoRepository extends MongoRepository<Repo, String> {

    /**
     * The repository whose name, lower-cased ({@link RepoAliases#lower}), is {@code nameLower}:
     * a lookup by the unique {@code (type, nameLower)} index.
     */
    Optional<Repo> findByTypeAndNameLower(String type, String nameLower);
}
