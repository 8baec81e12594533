package io.modellibrary.transfer;

import io.modellibrary.common.BadRequestException;

/** A multipart body that breaks the format (a missing line break, a header too long). */
class MalformedMultipartException extends BadRequestException {

    MalformedMultipartException(String message) {
        super(message);
    }
}
