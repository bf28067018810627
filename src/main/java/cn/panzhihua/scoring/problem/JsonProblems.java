package cn.panzhihua.scoring.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Says what was wrong with a JSON body: where (as a field path) and why, in the caller's terms. */
public final class JsonProblems {

    private JsonProblems() {
    }

    public static ProblemException of(JsonProcessingException e) {
        // the parser finds a duplicate key; the mapper, when it reads that object for a field, wraps what it found
        StreamReadException read = e instanceof StreamReadException direct ? direct
                : e.getCause() instanceof StreamReadException cause ? cause : null;
        if (read != null && read.getProcessor() != null
                && read.getOriginalMessage() != null && read.getOriginalMessage().startsWith("Duplicate")) {
            JsonParser parser = read.getProcessor();
            // last-wins would evaluate one value while the record keeps the body with both
            String field = path(parser.getParsingContext().pathAsPointer());
            String name = parser.getParsingContext().getCurrentName();
            return ProblemException.badField(field, null, (field.equals(name) ? "the request" : "the object at " + field.substring(0,
                    field.length() - name.length() - 1)) + " names '" + name + "' twice; a JSON object names each key once");
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getPath().isEmpty() && mismatched.getTargetType() != null) {
            return new ProblemException(400, "Invalid request", "the request body must be a JSON object (with unit, year and "
                    + "information)", null, null, null);
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping.getPath());
            Object value = e instanceof InvalidFormatException invalid ? invalid.getValue() : null;
            String detail = "field " + field + " has a value of the wrong type";
            if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null && invalid.getTargetType().isEnum()) {
                detail = "field " + field + " is '" + invalid.getValue() + "', which is not one of "
                        + Arrays.stream(invalid.getTargetType().getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
            } else if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
                detail = "field " + field + (value != null ? " is '" + value + "', which" : "") + " must be "
                        + describe(mismatched.getTargetType());
            }
            // the reader stops at the first value of a wrong type: this is the one mistake it can name
            return ProblemException.invalid(List.of(new FieldError(field, value, detail)));
        }
        return new ProblemException(400, "Malformed JSON", "the request body is not valid JSON: " + e.getOriginalMessage(),
                null, null, null);
    }

    /** A JSON pointer (/findings/0/code) as the API names fields (findings[0].code). */
    private static String path(JsonPointer pointer) {
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

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            }
        }
        return out.toString();
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "a " + type.getSimpleName() + " object";
    }
}
