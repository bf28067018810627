package cn.panzhihua.scoring.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One mistake of a request: the field (as a path such as {@code findings[2].count}), the value found
 * there and what is wrong with it; {@code suggestions} lists close valid values where there are some.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String field, Object value, String message, List<String> suggestions) {

    public FieldError {
        value = ProblemValues.bounded(value);
        message = ProblemValues.message(message);
        suggestions = suggestions == null || suggestions.isEmpty() ? null : List.copyOf(suggestions);
    }

    public FieldError(String field, Object value, String message) {
        this(field, value, message, null);
    }
}
