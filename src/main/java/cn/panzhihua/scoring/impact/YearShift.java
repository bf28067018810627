package cn.panzhihua.scoring.impact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * A stored request carried over to another year: {@code year} becomes the candidate's and every
 * ISO date in it moves by the same number of years (29 February to the 28th where the new year has
 * none), so an adoption of 2016-03-15 counts on 2017-03-15 as it counted then.
 */
final class YearShift {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private YearShift() {
    }

    static String shift(ObjectMapper mapper, String requestJson, int years) {
        try {
            JsonNode request = mapper.readTree(requestJson);
            if (request instanceof ObjectNode object) {
                JsonNode year = object.get("year");
                if (year != null && year.canConvertToInt()) {
                    object.set("year", IntNode.valueOf(year.asInt() + years));
                }
            }
            return mapper.writeValueAsString(dates(request, years));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored request does not hold valid JSON", e);
        }
    }

    private static JsonNode dates(JsonNode node, int years) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> object.set(name, dates(object.get(name), years)));
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, dates(array.get(i), years));
            }
            return array;
        }
        if (node.isTextual() && DATE.matcher(node.asText()).matches()) {
            try {
                return TextNode.valueOf(LocalDate.parse(node.asText()).plusYears(years).toString());
            } catch (DateTimeParseException e) {
                return node; // not a real date: the candidate answers it as the request said it
            }
        }
        return node;
    }
}
