package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.problem.FieldError;
import cn.panzhihua.scoring.problem.JsonProblems;
import cn.panzhihua.scoring.problem.ProblemException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A batch body cut into its items' texts, exactly as sent: each item then goes through the path of a
 * single request (parse, limits, validation) and is stored as received, so a batch accepts and
 * rejects what single calls do. A syntax error anywhere rejects the batch (it cannot be cut); a
 * mistake inside an item, duplicate keys included, rejects that item alone.
 *
 * @param text the item's JSON text
 * @param unit the item's unit if it names one as a string (to answer and to find repeats), else null
 * @param year the item's year as written, else null
 */
record BatchItems(String text, String unit, String year) {

    static List<BatchItems> split(String body, JsonFactory json, int maxItems) {
        try (JsonParser parser = json.createParser(body)) {
            // duplicates inside an item are that item's mistake, found when it is parsed on its own
            parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ProblemException.badField("items", null, "the body must be {\"items\": [evaluation request, …]}");
            }
            List<BatchItems> items = null;
            Set<String> names = new HashSet<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (!names.add(name)) {
                    throw ProblemException.badField(name, null, "the body names " + name + " twice; a JSON object names each key once");
                }
                JsonToken value = parser.nextToken();
                if (name.equals("items") && value == JsonToken.START_ARRAY) {
                    items = items(body, parser, maxItems);
                } else if (!name.equals("items")) {
                    // issue 18 §4: a field the contract does not define is refused, not skipped
                    List<String> closest = UnknownFields.closest(name, List.of("items"));
                    throw ProblemException.invalid(List.of(new FieldError(name, null, name + " is not a field of a batch"
                            + (closest.isEmpty() ? "" : " (did you mean items?)") + "; its one field is items. Nothing was evaluated or stored",
                            closest)));
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new ProblemException(400, "Malformed JSON", "the request body is not valid JSON: more follows the closing }",
                        null, null, null);
            }
            if (items == null) {
                throw ProblemException.badField("items", null, "the body must be {\"items\": [evaluation request, …]}");
            }
            if (items.isEmpty()) {
                throw ProblemException.badField("items", 0, "a batch has 1 to " + maxItems + " items, not 0");
            }
            return items;
        } catch (JsonProcessingException e) {
            throw JsonProblems.of(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<BatchItems> items(String body, JsonParser parser, int maxItems) throws IOException {
        List<BatchItems> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (items.size() == maxItems) {
                throw ProblemException.tooLarge("items", "more than " + maxItems, "a batch has at most " + maxItems
                        + " items (limits.batch-items); send the rest in another batch");
            }
            int start = (int) parser.currentTokenLocation().getCharOffset();
            String unit = null;
            String year = null;
            if (token == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (field.equals("unit") && value == JsonToken.VALUE_STRING) {
                        unit = parser.getText();
                    } else if (field.equals("year") && value.isScalarValue()) {
                        year = parser.getText();
                    }
                    parser.skipChildren();
                }
            } else {
                parser.skipChildren(); // an array (or a scalar: nothing to skip); rejected when parsed as a request
            }
            int end = (int) parser.currentLocation().getCharOffset();
            items.add(new BatchItems(token.isScalarValue() ? parser.getText() : body.substring(start, end), unit, year));
        }
        return items;
    }
}
