package io.modellibrary.account;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * The record an account deletion leaves of the account ({@code deletedAccounts}, {@code _id} = the user's
 * id), written just before the user document is removed ({@link AccountManagement#delete}); kept, one
 * small document per deleted account, and holding no name. It tells a caller whose account was deleted
 * while their request ran (signed in before, still running after) from a caller who never had an account
 * ({@link AccountDirectory#deleted}); a write into the own namespace asks (docs/decisions.md O9).
 *
 * @param id        the deleted user's id
 * @param deletedAt when the deletion wrote this record
 */
@Document("deletedAccounts")
record DeletedAccount(@Id String id, Instant deletedAt) {
}
