package cn.panzhihua.scoring.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
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
            return new ProblemException(400, "Invalid request", detail, field, value, null);
        }
        return new ProblemException(400, "Malformed JSON", "the request body is not valid JSON: " + e.getOriginalMessage(),
                null, null, null);
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
