package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.JsonSetup;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import cn.panzhihua.scoring.rulebook.RulesDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/scenarios.schema.json describes the scenario files editors check as they are typed: every
 * scenario file of every year folder conforms to it, each names it in "$schema", and the schema
 * catches what a typing author gets wrong. (A small validator for the keywords the schema uses:
 * type, required, properties, additionalProperties, items, minItems, minLength, enum, pattern, $ref.)
 */
class ScenarioSchemaTest {

    private static final ObjectMapper MAPPER = JsonSetup.mapper();

    @Test
    void everyScenarioFileConformsAndNamesTheSchema() throws IOException {
        JsonNode schema = MAPPER.readTree(Path.of("docs/scenarios.schema.json").toFile());
        List<String> problems = new ArrayList<>();
        int files = 0;
        for (Path year : Rulebooks.yearFolders(RulesDirectory.resolve("rules-drl"))) {
            try (Stream<Path> walk = Files.walk(year)) {
                for (Path file : walk.filter(f -> f.toString().endsWith(".scenarios.json")).sorted().toList()) {
                    files++;
                    JsonNode node = MAPPER.readTree(file.toFile());
                    validate(schema, schema, node, file.getFileName().toString(), problems);
                    Path named = file.getParent().resolve(node.path("$schema").asText("")).normalize();
                    if (!named.toAbsolutePath().equals(Path.of("docs/scenarios.schema.json").toAbsolutePath())) {
                        problems.add(file + ": \"$schema\" should point at docs/scenarios.schema.json, is " + node.path("$schema"));
                    }
                }
            }
        }
        assertTrue(files >= 15, "found " + files + " scenario files");
        assertEquals(List.of(), problems);
    }

    @Test
    void theSchemaCatchesWhatAnAuthorMistypes() throws IOException {
        JsonNode schema = MAPPER.readTree(Path.of("docs/scenarios.schema.json").toFile());
        List<String> problems = new ArrayList<>();
        validate(schema, schema, MAPPER.readTree("""
                {"scenarios": [{"name": "x", "given": {"unit": "市财政局", "findings": [{"code": "D-1.1", "count": "2"}]},
                  "expcet": {"values": {"disclosure.score": 97.5}}}]}"""), "typo", problems);
        assertTrue(problems.stream().anyMatch(p -> p.contains("expcet")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("expect") && p.contains("required")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("count")), problems.toString());
    }

    static void validate(JsonNode root, JsonNode schema, JsonNode node, String at, List<String> problems) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            validate(root, root.at(ref.substring(1)), node, at, problems);
            return;
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), node)) {
            problems.add(at + ": should be " + schema.get("type") + ", is " + node);
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode allowed : schema.get("enum")) {
                found |= allowed.equals(node);
            }
            if (!found) {
                problems.add(at + ": should be one of " + schema.get("enum") + ", is " + node);
            }
        }
        if (schema.has("minLength") && node.isTextual() && node.asText().length() < schema.get("minLength").asInt()) {
            problems.add(at + ": too short");
        }
        if (schema.has("pattern") && node.isTextual() && !Pattern.compile(schema.get("pattern").asText()).matcher(node.asText()).find()) {
            problems.add(at + ": does not match " + schema.get("pattern"));
        }
        if (node.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!node.has(required.asText())) {
                    problems.add(at + ": \"" + required.asText() + "\" is required");
                }
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonNode property = schema.path("properties").get(field.getKey());
                if (property != null) {
                    validate(root, property, field.getValue(), at + "." + field.getKey(), problems);
                } else if (schema.has("additionalProperties")) {
                    JsonNode additional = schema.get("additionalProperties");
                    if (additional.isBoolean() && !additional.asBoolean()) {
                        problems.add(at + ": \"" + field.getKey() + "\" is not allowed here");
                    } else if (additional.isObject()) {
                        validate(root, additional, field.getValue(), at + "." + field.getKey(), problems);
                    }
                }
            }
        }
        if (node.isArray()) {
            if (schema.has("minItems") && node.size() < schema.get("minItems").asInt()) {
                problems.add(at + ": needs at least " + schema.get("minItems") + " items");
            }
            if (schema.has("items")) {
                for (int i = 0; i < node.size(); i++) {
                    validate(root, schema.get("items"), node.get(i), at + "[" + i + "]", problems);
                }
            }
        }
    }

    private static boolean typeMatches(JsonNode type, JsonNode node) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (typeMatches(one, node)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> node.isObject();
            case "array" -> node.isArray();
            case "string" -> node.isTextual();
            case "integer" -> node.isIntegralNumber();
            case "number" -> node.isNumber();
            case "boolean" -> node.isBoolean();
            case "null" -> node.isNull();
            default -> false;
        };
    }
}
