package io.modellibrary.catalog;

import org.springframework.data.mongodb.repository.MongoRepository;

import java.util.Optional;

/** Spring Data access to {@link Repo} documents. */
public interface RepoRepository extends MongoRepository<Repo, String> {

    Optional<Repo> findByTypeAndName(String type, String name);
}
