package io.modellibrary.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * Lists the seed's literal paths in the OpenAPI document: one handler serves
 * {@code /api/{type:model|dataset}List}, but the seed, Swagger UI and generated clients
 * know {@code /api/modelList} and {@code /api/datasetList}. Every path with a
 * {@code {type}} variable becomes one path per type, without the variable; under
 * {@code /api/} both types, elsewhere ({@code /modelList}) models only. Operation ids get
 * the type appended so they stay unique.
 */
@Component
class SeedPaths implements OpenApiCustomizer {

    private static final String VARIABLE = "{type}";

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        Paths expanded = new Paths();
        for (Map.Entry<String, PathItem> entry : openApi.getPaths().entrySet()) {
            String path = entry.getKey();
            if (!path.contains(VARIABLE)) {
                expanded.addPathItem(path, entry.getValue());
                continue;
            }
            for (String type : path.startsWith("/api/") ? List.of("model", "dataset") : List.of("model")) {
                expanded.addPathItem(path.replace(VARIABLE, type), forType(entry.getValue(), type));
            }
        }
        openApi.setPaths(expanded);
    }

    private static PathItem forType(PathItem item, String type) {
        PathItem copy = copy(item);
        for (Operation operation : copy.readOperations()) {
            if (operation.getParameters() != null) {
                operation.setParameters(operation.getParameters().stream()
                        .filter(p -> !isTypeVariable(p))
                        .toList());
                if (operation.getParameters().isEmpty()) {
                    operation.setParameters(null);
                }
            }
            if (operation.getOperationId() != null) {
                operation.setOperationId(operation.getOperationId() + "_" + type);
            }
        }
        return copy;
    }

    private static boolean isTypeVariable(Parameter p) {
        return "path".equals(p.getIn()) && "type".equals(p.getName());
    }

    private static PathItem copy(PathItem item) {
        try {
            return Json31.mapper().readValue(Json31.mapper().writeValueAsString(item), PathItem.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot copy the OpenAPI path item", e);
        }
    }
}
