package cn.panzhihua.scoring.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * Completes the OpenAPI document when the application is built: field descriptions of the response
 * schemas (openapi/schema-descriptions.properties, Schema.field=text) and a real example per
 * operation (openapi/examples/, written from the service's own answers and checked by
 * ApiExamplesTest): {@code <operationId>.response.<status>.json} for an answer and
 * {@code <operationId>.request.<status>.json} for a request body and the status it gets.
 */
@io.quarkus.smallrye.openapi.OpenApiFilter(io.quarkus.smallrye.openapi.OpenApiFilter.RunStage.BUILD)
public class ApiDocument implements OASFilter {

    static final String EXAMPLES = "openapi/examples/";
    static final String DESCRIPTIONS = "openapi/schema-descriptions.properties";

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Properties descriptions = descriptions();
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            Map<String, Schema> schemas = new java.util.LinkedHashMap<>(openAPI.getComponents().getSchemas());
            schemas.forEach((name, schema) -> {
                untree(name, schema);
                describe(name, schema, descriptions);
            });
            // Jackson's tree type is not part of the API: what it holds is described where it is used.
            openAPI.getComponents().removeSchema("JsonNode");
            openAPI.getComponents().removeSchema("JsonNodeType");
        }
        if (openAPI.getPaths() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                if (operation.getOperationId() != null) {
                    examples(operation);
                }
            }
        }
    }

    /** What a JSON-tree field holds: a stored request or answer, or any JSON value. */
    private static final Map<String, String> TREES = Map.of("Full.request", "EvaluationRequest", "Full.response", "EvaluationResponse",
            "Replay.replayed", "EvaluationResponse");

    private static void untree(String name, Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        for (Map.Entry<String, Schema> property : new java.util.LinkedHashMap<>(schema.getProperties()).entrySet()) {
            if ("#/components/schemas/JsonNode".equals(property.getValue().getRef())) {
                String target = TREES.get(name + "." + property.getKey());
                schema.addProperty(property.getKey(), target == null ? OASFactory.createSchema()
                        : OASFactory.createSchema().ref("#/components/schemas/" + target));
            }
        }
    }

    private void describe(String name, Schema schema, Properties descriptions) {
        String own = descriptions.getProperty(name);
        if (own != null && schema.getDescription() == null) {
            schema.setDescription(own);
        }
        if (schema.getProperties() == null) {
            return;
        }
        for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
            String text = descriptions.getProperty(name + "." + property.getKey());
            if (text != null && property.getValue().getDescription() == null) {
                property.getValue().setDescription(text);
            }
        }
    }

    private void examples(Operation operation) {
        String id = operation.getOperationId();
        if (operation.getResponses() != null) {
            for (Map.Entry<String, APIResponse> response : operation.getResponses().getAPIResponses().entrySet()) {
                JsonNode example = read(EXAMPLES + id + ".response." + response.getKey() + ".json");
                Content content = response.getValue().getContent();
                if (example != null && content != null) {
                    content.getMediaTypes().forEach((type, media) -> {
                        if (type.endsWith("json")) {
                            media.setExample(example);
                        }
                    });
                }
            }
        }
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            for (String status : new String[]{"200", "400", "404"}) {
                JsonNode example = read(EXAMPLES + id + ".request." + status + ".json");
                if (example == null) {
                    continue;
                }
                Example named = OASFactory.createExample().value(example.isTextual() ? example.asText() : example)
                        .summary(status.equals("200") ? "a valid request (answered " + status + ")" : "a request answered " + status);
                for (MediaType media : operation.getRequestBody().getContent().getMediaTypes().values()) {
                    media.addExample("answered " + status, named);
                }
            }
        }
    }

    private JsonNode read(String resource) {
        try (InputStream in = ApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : mapper.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI example " + resource, e);
        }
    }

    private static Properties descriptions() {
        Properties properties = new Properties();
        try (InputStream in = ApiDocument.class.getClassLoader().getResourceAsStream(DESCRIPTIONS)) {
            if (in != null) {
                properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
