package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.problem.FieldError;
import cn.panzhihua.scoring.problem.ProblemException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fields of a request that the contract does not define (issue 18 §4). A misspelt field is not
 * tolerance but a wrong result: {@code "finding": [...]} read as a clean year would score one. Every
 * unknown field of the body is collected (the reader skips it and goes on, so all are named at once),
 * and the request is refused with each one, its path, and the closest known name of that object.
 * Nothing is evaluated or stored.
 */
final class UnknownFields extends DeserializationProblemHandler {

    private final List<FieldError> found = new ArrayList<>();

    @Override
    public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser, JsonDeserializer<?> deserializer,
                                         Object beanOrClass, String propertyName) throws IOException {
        if (found.size() >= 100) {
            parser.skipChildren(); // 100 are named; 60,000 unknown keys must not cost a suggestion each
            return true;
        }
        List<String> known = new ArrayList<>();
        Collection<Object> names = deserializer.getKnownPropertyNames();
        if (names != null) {
            names.forEach(n -> known.add(String.valueOf(n)));
        }
        // A record's unknown properties are buffered and replayed after it is built: the replaying
        // parser's context may then name where the reader had got to, not where the field was. The
        // request itself has no parent, so its fields are named alone.
        boolean root = beanOrClass instanceof EvaluationRequest || beanOrClass == EvaluationRequest.class;
        String field = root ? propertyName : path(parser.getParsingContext().pathAsPointer());
        List<String> closest = closest(propertyName, known);
        String where = field.equals(propertyName) ? "the request" : "the object at " + field.substring(0, field.length() - propertyName.length() - 1);
        String message = field + " is not a field of " + where + (closest.isEmpty() ? "" : " (did you mean " + closest.get(0) + "?)")
                + "; its fields are " + String.join(", ", known) + ". Nothing was evaluated or stored";
        if (found.size() < 100) {
            found.add(new FieldError(field, null, message, closest));
        }
        parser.skipChildren();
        return true;
    }

    /** Refuses the request if any unknown field was found. */
    void check() {
        if (!found.isEmpty()) {
            throw ProblemException.invalid(found);
        }
    }

    /** Known names closest to the typed one, letter case aside. */
    static List<String> closest(String typed, List<String> known) {
        Map<String, String> byLower = new LinkedHashMap<>();
        known.forEach(k -> byLower.put(k.toLowerCase(Locale.ROOT), k));
        return NameSuggestions.closest(typed.toLowerCase(Locale.ROOT), byLower.keySet()).stream().map(byLower::get).toList();
    }

    /** A JSON pointer (/findings/0/cnt) as the API names fields (findings[0].cnt). */
    static String path(JsonPointer pointer) {
        StringBuilder out = new StringBuilder();
        for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
            if (p.mayMatchElement()) {
                out.append('[').append(p.getMatchingIndex()).append(']');
            } else {
                out.append(out.isEmpty() ? "" : ".").append(p.getMatchingProperty());
            }
        }
        return out.toString();
    }
}
