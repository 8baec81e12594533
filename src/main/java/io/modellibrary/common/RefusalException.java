package io.modellibrary.common;

import org.springframework.http.HttpStatus;

/**
 * A business "no" the web client branches on: HTTP 200, code 0 and a fixed message such
 * as {@code item already exists} or {@code user name registered} (docs/http-contract.md#business-no-answers).
 */
public class RefusalException extends ApiException {

    public RefusalException(String message) {
        super(HttpStatus.OK, message);
    }
}
