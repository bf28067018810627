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
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.tags.Tag;

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
    static final String PROBLEM = "application/problem+json";

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Properties descriptions = descriptions();
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            Map<String, Schema> schemas = new java.util.LinkedHashMap<>(openAPI.getComponents().getSchemas());
            schemas.forEach((name, schema) -> {
                untree(name, schema);
                describe(name, schema, descriptions);
                nullable(schema);
            });
            // Jackson's tree type is not part of the API: what it holds is described where it is used.
            openAPI.getComponents().removeSchema("JsonNode");
            openAPI.getComponents().removeSchema("JsonNodeType");
        }
        if (openAPI.getServers() == null || openAPI.getServers().isEmpty()) {
            // Relative: the document is served by the service it describes, at whatever address callers reach it.
            openAPI.addServer(OASFactory.createServer().url("/").description("This service, at the address the document was fetched from"));
        }
        if (openAPI.getTags() != null) {
            for (Tag tag : openAPI.getTags()) {
                if (tag.getDescription() == null) {
                    tag.setDescription(descriptions.getProperty("tags." + tag.getName()));
                }
            }
        }
        if (openAPI.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            for (Operation operation : path.getValue().getOperations().values()) {
                if (operation.getOperationId() != null) {
                    examples(operation);
                }
                if (path.getKey().startsWith("/api/")) {
                    problems(operation);
                }
            }
        }
    }

    /**
     * The problem answers every API operation can get from the layers in front of it, declared where
     * the operation does not declare them itself: 413 and 415 for a request body (the body limits, a
     * Content-Type it does not take), 429 where credentials are checked (the sign-in throttle), and 406
     * for an Accept header it cannot answer where nothing else of 4xx is declared.
     */
    private static void problems(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return;
        }
        if (operation.getRequestBody() != null) {
            problem(responses, "413", "The body is larger than this deployment's limit (limits.body, limits.batch-body)");
            problem(responses, "415", "Content-Type is not one this operation takes");
        }
        Object roles = operation.getExtensions() == null ? null : operation.getExtensions().get(ApiSecurity.ROLES);
        if (roles != null && !ApiSecurity.ANYONE.equals(roles)) {
            problem(responses, "429", "Too many failed sign-ins for this user name or client address: locked for a while (Retry-After)");
        }
        if (responses.getAPIResponses().keySet().stream().noneMatch(status -> status.startsWith("4"))) {
            problem(responses, "406", "The Accept header names no type this operation answers");
        }
    }

    private static void problem(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                    .content(OASFactory.createContent().addMediaType(PROBLEM, OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref("#/components/schemas/Problem")))));
        }
    }

    /**
     * The service writes every field of its answers, null where it has no value (Jackson's default):
     * a property the schema does not list as required may be null. Code generators and validating
     * clients read the schema, so it says so (OpenAPI 3.1: the type "null" beside the property's own).
     */
    private static void nullable(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        java.util.List<String> required = schema.getRequired() == null ? java.util.List.of() : schema.getRequired();
        for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
            Schema value = property.getValue();
            if (required.contains(property.getKey()) || value.getType() == null || value.getType().isEmpty()
                    || value.getType().contains(Schema.SchemaType.NULL)) {
                continue;
            }
            value.addType(Schema.SchemaType.NULL);
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
