package io.modellibrary.catalog;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * A name a repository had before a rename, which keeps answering for it
 * (docs/http-contract.md#names). Keyed by {@code <type>:<lower-cased name>}, so that resolving an old name is
 * one {@code _id} lookup on either database.
 *
 * @param id        {@code model:alice/tiny-gpt}, see {@link RepoAliases#key}
 * @param repoId    the repository the name now leads to
 * @param name      the old name as it was written
 * @param createdAt when the rename happened
 * @param namespaceClaim the claim of the old name's namespace when the rename happened
 *                  ({@link NamespaceClaims#currentClaim}); {@code null} for a namespace-less
 *                  name and for aliases from before claims had identities
 */
@Document(RepoAlias.COLLECTION)
record RepoAlias(@Id String id, String repoId, String name, Instant createdAt, String namespaceClaim) {

    static final String COLLECTION = "repoAliases";
}
