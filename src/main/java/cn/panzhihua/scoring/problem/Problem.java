package cn.panzhihua.scoring.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem detail. {@code field} and {@code value} name the offending part of the request
 * where there is one; {@code errors} carries located problems (a rulebook's file, line and column).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      String field, Object value, List<?> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
