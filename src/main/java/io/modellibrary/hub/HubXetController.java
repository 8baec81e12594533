package io.modellibrary.hub;

import io.modellibrary.common.ThrottledWarning;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;

/**
 * The Xet token routes, {@code GET /api/{type}s/{namespace}/{name}/xet-{read|write}-token/{rev}}
 * ({@code huggingface_hub utils/_xet.py xet_connection_info_refresh_url}), answered by a
 * server that does not speak Xet: 404 {@code XetNotSupported}, the same for every repository and
 * caller (it says nothing about whether the repository exists). A 404 like any route this server
 * does not serve, not a 5xx: nothing failed.
 *
 * <p>{@code huggingface_hub} 1.20 and later upload through Xet whenever {@code hf_xet} is
 * installed (it is a default dependency; {@code _commit_api.py _upload_files} has no fallback
 * but {@code HF_HUB_DISABLE_XET=1}), and {@code hf_xet} shows a failed token request as its
 * status line only ("HTTP status client error (404 ...)"), never the message. So the message is
 * also logged for the operator, at most once a minute ({@link ThrottledWarning}): the README's "Use it with Hugging Face
 * clients" tells users the same.
 */
@RestController
@Tag(name = "Hugging Face Hub")
class HubXetController {

    private static final String ID = "/api/{repoType:models|datasets|spaces}/{namespace}/{name}";
    private static final Logger log = LoggerFactory.getLogger(HubXetController.class);

    /** What the answer and the log say. */
    static final String MESSAGE = "This server does not speak Xet: set HF_HUB_DISABLE_XET=1 for huggingface_hub "
            + "(it uploads through Xet whenever hf_xet is installed)";
    static final String CODE = "XetNotSupported";

    /** The operator's line, at most once a minute (the requests in between log nothing). */
    private final ThrottledWarning warning;

    HubXetController(Clock clock) {
        this.warning = new ThrottledWarning(Duration.ofMinutes(1), clock);
    }

    /**
     * Always refused.
     *
     * @throws HubException 404 {@code XetNotSupported} with {@link #MESSAGE}
     */
    @GetMapping({ID + "/xet-read-token/{*revision}", ID + "/xet-write-token/{*revision}"})
    @Operation(summary = "Xet token (not supported: 404; huggingface_hub needs HF_HUB_DISABLE_XET=1 to upload)")
    @ApiResponse(responseCode = "default", description = "always 404 XetNotSupported: this server does not speak Xet",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"error\": \"" + MESSAGE + "\"}")))
    void token(@Parameter(description = HubDocs.TYPE) @PathVariable("repoType") String type,
               @Parameter(description = HubDocs.NAMESPACE) @PathVariable String namespace,
               @Parameter(description = HubDocs.NAME) @PathVariable String name,
               @Parameter(description = "the revision (any; not read)") @PathVariable String revision) {
        warning.log(meanwhile -> log.warn("A Hugging Face client asked for a Xet token: {}", MESSAGE), () -> { });
        throw new HubException(HttpStatus.NOT_FOUND, CODE, MESSAGE, null);
    }
}
