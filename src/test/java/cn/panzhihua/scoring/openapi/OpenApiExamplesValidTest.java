package cn.panzhihua.scoring.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every example in the served OpenAPI document is valid against the schema it illustrates (JSON
 * Schema 2020-12 with OpenAPI 3.1's vocabulary, networknt's validator): the answer and request
 * examples of every operation, whichever operations exist, and the examples of schema properties and
 * parameters. A code generator or a client that validates what it receives relies on the schemas;
 * an example that contradicts its schema shows that one of them is wrong. The test also keeps the
 * served document in target/openapi/served-openapi.json, which .ci/run lints with Redocly's CLI
 * (the document's structure against the OpenAPI specification; redocly.yaml).
 */
@QuarkusTest
class OpenApiExamplesValidTest {

    static final String BASE = "https://rubric-evaluation.invalid/openapi.json";
    static final Path SERVED = Path.of("target/openapi/served-openapi.json");

    @Test
    void everyExampleIsValidAgainstItsSchema() throws Exception {
        String text = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        Files.createDirectories(SERVED.getParent());
        Files.writeString(SERVED, text, StandardCharsets.UTF_8);
        JsonNode document = new ObjectMapper().readTree(text);
        assertTrue(document.path("openapi").asText().startsWith("3.1"), "an OpenAPI 3.1 document: its schemas are JSON Schema 2020-12");

        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .metaSchema(OpenApi31.getInstance()).defaultMetaSchemaIri(OpenApi31.getInstance().getIri())
                .schemaLoaders(loaders -> loaders.schemas(Map.of(BASE, text))));
        List<Example> examples = new ArrayList<>();
        collect(document, "", false, examples);
        assertTrue(examples.stream().filter(e -> e.where().startsWith("/paths/")).count() >= 20,
                "the operations' examples were found: " + examples.size());

        List<String> invalid = new ArrayList<>();
        for (Example example : examples) {
            JsonSchema schema = factory.getSchema(SchemaLocation.of(BASE + "#" + example.schemaPointer()));
            Set<ValidationMessage> errors = schema.validate(example.value());
            if (!errors.isEmpty()) {
                invalid.add(example.where() + " against " + example.schemaPointer() + ": "
                        + errors.stream().map(ValidationMessage::getMessage).sorted().toList());
            }
        }
        assertTrue(invalid.isEmpty(), invalid.size() + " of " + examples.size() + " examples contradict their schemas:\n"
                + String.join("\n", invalid));
    }

    /** The validator finds what is wrong: a null where the schema allows none, a string for a number. */
    @Test
    void anExampleThatContradictsItsSchemaIsFound() throws Exception {
        String text = """
                {"openapi": "3.1.0", "components": {"schemas": {"Score": {"type": "object",
                 "properties": {"points": {"type": "number"}, "note": {"type": ["string", "null"]}}}}}}""";
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .metaSchema(OpenApi31.getInstance()).defaultMetaSchemaIri(OpenApi31.getInstance().getIri())
                .schemaLoaders(loaders -> loaders.schemas(Map.of(BASE, text))));
        JsonSchema score = factory.getSchema(SchemaLocation.of(BASE + "#/components/schemas/Score"));
        ObjectMapper mapper = new ObjectMapper();
        assertEquals(0, score.validate(mapper.readTree("{\"points\": 1.5, \"note\": null}")).size());
        assertEquals(1, score.validate(mapper.readTree("{\"points\": null}")).size());
        assertEquals(1, score.validate(mapper.readTree("{\"points\": \"1.5\"}")).size());
    }

    /** One example: where it is in the document, the JSON pointer of its schema, and its value. */
    record Example(String where, String schemaPointer, JsonNode value) {
    }

    /**
     * Walks the document: a media type or parameter has "schema" beside "example" or "examples"
     * (named Example objects, their value or a $ref to components/examples); a schema's own
     * "examples" is a list of values of that schema.
     */
    static void collect(JsonNode node, String pointer, boolean inSchema, List<Example> out) {
        if (node.isObject()) {
            if (node.has("schema") && node.get("schema").isObject()) {
                String schema = pointer + "/schema";
                if (node.has("example")) {
                    out.add(new Example(pointer + "/example", schema, node.get("example")));
                }
                if (node.path("examples").isObject()) {
                    Iterator<Map.Entry<String, JsonNode>> named = node.get("examples").fields();
                    while (named.hasNext()) {
                        Map.Entry<String, JsonNode> entry = named.next();
                        JsonNode value = entry.getValue().has("value") ? entry.getValue().get("value") : null;
                        if (value != null) {
                            out.add(new Example(pointer + "/examples/" + escape(entry.getKey()), schema, value));
                        }
                    }
                }
            }
            if (inSchema && node.path("examples").isArray()) {
                int i = 0;
                for (JsonNode value : node.get("examples")) {
                    out.add(new Example(pointer + "/examples/" + i++, pointer, value));
                }
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                if ((key.equals("example") || key.equals("examples")) && !pointer.endsWith("/properties")) {
                    continue; // values, not schemas (unless a property is named so)
                }
                boolean schema = inSchema || key.equals("schema") || key.equals("schemas");
                collect(field.getValue(), pointer + "/" + escape(key), schema, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, inSchema, out);
            }
        }
    }

    /** JSON pointer escaping (RFC 6901), then percent-encoding for the fragment of a URI. */
    static String escape(String key) {
        String token = key.replace("~", "~0").replace("/", "~1");
        return java.net.URLEncoder.encode(token, StandardCharsets.UTF_8).replace("+", "%20").replace("%7E", "~");
    }
}
