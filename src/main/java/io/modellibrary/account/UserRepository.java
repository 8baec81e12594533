package io.modellibrary.account;

import org.springframework.data.mongodb.repository.MongoRepository;

import java.util.Optional;

/** Spring Data access to {@link User} documents. */
interface UserRepository extends MongoRepository<User, String> {

    Optional<User> findByUsernameKey(String usernameKey);

    boolean existsByUsernameKey(String usernameKey);

    java.util.List<User> findByTeamKeyNotNullOrderByCreatedAtAsc();
}
