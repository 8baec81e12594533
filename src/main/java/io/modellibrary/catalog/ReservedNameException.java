package io.modellibrary.catalog;

import io.modellibrary.common.RefusalException;

/**
 * The refusal of a name kept as the old name of another holder's repository: a renamed or moved
 * repository's old name stays reserved once its namespace was freed and claimed again, so that
 * its old links never lead to a newcomer's files (docs/decisions.md, N5; {@link RepoAliases#heldForAnother}).
 * To the seed API it is its usual {@code item already exists} (code 0), byte for byte: the web
 * client branches on that message. The faces that can say more ({@link #explanation}) say why,
 * and the Hub's does not answer it with the 409 that {@code create_repo(exist_ok=True)} takes for
 * "you have it already" ({@code huggingface_hub} {@code hf_api.py}, {@code create_repo}).
 */
public final class ReservedNameException extends RefusalException {

    private final String name;

    ReservedNameException(String name) {
        super(RepoService.ALREADY_EXISTS);
        this.name = name;
    }

    /** The name refused, {@code namespace/name} as asked for. */
    public String name() {
        return name;
    }

    /** One sentence for a person: which name, why it is kept, what to do. */
    public String explanation() {
        return "the name " + name + " is reserved: it is the old name of a repository that was renamed or moved,"
                + " kept so that its old links never lead to another owner's files; choose another name";
    }
}
