package cn.panzhihua.scoring.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail. {@code field} and {@code value} name the offending part of the request
 * where there is one; {@code errors} lists every mistake of a rejected request ({@link FieldError}s,
 * the first of which is also {@code field}, {@code value} and {@code detail}) or located problems (a
 * rulebook's file, line and column). {@code extensions} are further members written at the top level
 * (RFC 9457 section 3.2), such as {@code correlationId} on a 5xx or {@code requiredRoles} on a 403.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      String field, Object value, List<?> errors,
                      @JsonAnyGetter Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        detail = ProblemValues.message(detail);
        value = ProblemValues.bounded(value);
        extensions = extensions == null ? Map.of() : extensions;
    }

    public Problem(String type, String title, int status, String detail, String instance, String field, Object value, List<?> errors) {
        this(type, title, status, detail, instance, field, value, errors, null);
    }

    /** This problem with one more top-level member. */
    public Problem with(String name, Object extension) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, extension);
        return new Problem(type, title, status, detail, instance, field, value, errors, more);
    }
}
