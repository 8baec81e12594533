package io.modellibrary.hub;

import org.springframework.http.HttpStatus;

/**
 * A refusal of a Git LFS route, answered in the LFS form
 * ({@code {"message": "..."}}, {@code Content-Type: application/vnd.git-lfs+json}; git-lfs
 * {@code docs/api/batch.md}: 401/403/404 for access, 413, 422 for invalid objects, 409 for an
 * unsupported hash algorithm) by {@link LfsErrors}.
 */
class LfsException extends RuntimeException {

    private final HttpStatus status;

    LfsException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
