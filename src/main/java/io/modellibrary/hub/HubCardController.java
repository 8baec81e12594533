package io.modellibrary.hub;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/validate-yaml}: the check {@code huggingface_hub} makes of a {@code README.md}'s
 * metadata before it uploads anything ({@code hf_api.py} {@code _validate_yaml}, called by
 * {@code create_commit} and {@code upload_folder} whenever the commit adds {@code README.md};
 * {@code repocard.py} {@code RepoCard.validate}). Without this route every such upload failed on the
 * 404 before its first byte. Body {@code {"content": "<README.md text>", "repoType": "model"|"dataset"|"space"}};
 * answer {@code {"errors": [{"message"}], "warnings": [{"message"}]}}, 200 when the card can be
 * committed (the client turns each warning into a Python warning), 400 with the errors when its
 * front matter is not a YAML mapping (the client raises {@code ValueError("Invalid metadata in
 * README.md ...")}). Reads nothing stored, so it needs no login, as on the Hub. Model Library checks
 * what it reads ({@link CardData}): YAML syntax and shape, not the Hub's metadata schema.
 */
@RestController
@Tag(name = "Hugging Face Hub")
class HubCardController {

    private static final Set<String> REPO_TYPES = Set.of("model", "dataset", "space");

    /** The request {@code huggingface_hub} sends: the whole card and the repository's type (absent: model). */
    record ValidateRequest(String content, String repoType) {
    }

    /**
     * Checks a card's metadata.
     *
     * @throws HubException 400 when {@code content} is missing or {@code repoType} is not model, dataset or space
     */
    @PostMapping(path = "/api/validate-yaml", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Check a README.md's YAML metadata before an upload (huggingface_hub sends it for every commit adding README.md)")
    @ApiResponse(responseCode = "200", description = "the card can be committed; warnings, if any, say what the user should know",
            content = @Content(examples = @ExampleObject(value = "{\"errors\":[],\"warnings\":[{\"message\":\"" + CardData.MISSING + "\"}]}")))
    @ApiResponse(responseCode = "400", description = "the metadata is not a YAML mapping; errors say where",
            content = @Content(examples = @ExampleObject(value = "{\"error\":\"Invalid YAML in the metadata block: ...\",\"errors\":[{\"message\":\"Invalid YAML in the metadata block: ...\"}],\"warnings\":[]}")))
    ResponseEntity<Map<String, Object>> validate(@RequestBody ValidateRequest request) {
        if (request == null || request.content() == null) {
            throw HubException.badRequest("content is required: the README.md text to check");
        }
        if (request.repoType() != null && !REPO_TYPES.contains(request.repoType())) {
            throw HubException.badRequest("repoType must be model, dataset or space");
        }
        CardData.Check check = CardData.check(request.content());
        List<Map<String, String>> warnings = check.warning() == null ? List.of() : List.of(Map.of("message", check.warning()));
        if (check.error() == null) {
            return ResponseEntity.ok(Map.of("errors", List.of(), "warnings", warnings));
        }
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .header(HubHeaders.ERROR_MESSAGE, HubHeaders.headerSafe(check.error()))
                .body(Map.of("error", check.error(), "errors", List.of(Map.of("message", check.error())), "warnings", warnings));
    }
}
