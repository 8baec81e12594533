package io.modellibrary.versioning;

import io.modellibrary.common.ApiException;
import org.springframework.http.HttpStatus;

/**
 * A revision (branch, tag, commit id or prefix) that names nothing in the repository, or
 * more than one commit: 404 naming it, also on the seed's endpoints (whose missing
 * repositories answer 200 {@code no such item}), since the repository itself was found.
 */
public class NoSuchRevisionException extends ApiException {

    public NoSuchRevisionException(String message) {
        super(HttpStatus.NOT_FOUND, message);
    }
}
