package io.modellibrary.files;

import io.modellibrary.common.ApiException;
import org.springframework.http.HttpStatus;

/** A file or request over a configured limit: 413, and nothing of it is stored. */
class TooLargeException extends ApiException {

    TooLargeException(String message) {
        super(HttpStatus.CONTENT_TOO_LARGE, message);
    }
}
