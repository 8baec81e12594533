package io.modellibrary.files;

import io.modellibrary.content.RepoAccess;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.Envelope;
import io.modellibrary.files.FileViews.FileDiff;
import io.modellibrary.security.CurrentUser;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code POST /api/getPrevAndNewFile} in the two forms clients send. The existing web client
 * posts a bare JSON string, the repository name ({@code "alice/tiny-bert"}), meaning the
 * newest commit of that model, and reads the whole body as the list
 * {@code [{oldFileName, newFileName, prevData, newData}]}: that form answers the bare list
 * (empty for a repository without commits). The object form {@code {name, type, commit,
 * page}} answers in the envelope; {@code commit} is any revision and defaults to
 * {@code main}. Failures answer in the envelope in both forms.
 */
@Component
class PrevAndNewFile {

    private final FileReads reads;
    private final RepoAccess access;
    private final ObjectMapper json;
    private final Validator validator;

    PrevAndNewFile(FileReads reads, RepoAccess access, ObjectMapper json, Validator validator) {
        this.reads = reads;
        this.access = access;
        this.json = json;
        this.validator = validator;
    }

    /** The bare list for a string body, the envelope for an object body. */
    Object answer(String body, CurrentUser user) throws IOException {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw new BadRequestException("request body must be a JSON string (a repository name) or {name, type, commit}");
        }
        if (node.isString()) {
            return newest(node.asString().strip(), user);
        }
        if (!node.isObject()) {
            throw new BadRequestException("request body must be a JSON string (a repository name) or {name, type, commit}");
        }
        HistoryController.DiffRequest request = read(node);
        return Envelope.ok(reads.diff(RepoType.parse(request.type()), request.name(), request.commit(),
                request.page() == null ? 1 : request.page(), user));
    }

    private List<FileDiff> newest(String name, CurrentUser user) throws IOException {
        if (name.isEmpty() || name.length() > 200) {
            throw new BadRequestException("name must hold 1 to 200 characters");
        }
        if (access.snapshot(RepoType.MODEL, name, null, user).commit() == null) {
            return List.of();
        }
        return reads.diff(RepoType.MODEL, name, null, 1, user);
    }

    private HistoryController.DiffRequest read(JsonNode node) {
        HistoryController.DiffRequest request;
        try {
            request = json.treeToValue(node, HistoryController.DiffRequest.class);
        } catch (JacksonException e) {
            throw new BadRequestException("request body is not valid JSON of the expected shape");
        }
        Set<ConstraintViolation<HistoryController.DiffRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new BadRequestException(violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .sorted().collect(Collectors.joining("; ")));
        }
        return request;
    }
}
