package cn.panzhihua.scoring.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Every error the API answers is application/problem+json, naming the field and value at fault. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(uri.getPath()));
    }

    // The JSON extension maps these two itself; naming them here makes ours the closest match.
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e, UriInfo uri) {
        return json(e, uri);
    }

    /** Malformed JSON, or JSON whose values do not fit the request's types. */
    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
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
            return respond(new Problem("about:blank", "Invalid request", 400, detail, uri.getPath(), field, value, null));
        }
        String detail = "the request body is not valid JSON: " + e.getOriginalMessage();
        return respond(new Problem("about:blank", "Malformed JSON", 400, detail, uri.getPath(), null, null, null));
    }

    /** Unknown paths, wrong methods, wrong media types: the framework's status, as a problem. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            // the JSON reader wraps parse errors in a plain 400; say what was wrong with the body
            return json(json, uri);
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        return respond(new Problem("about:blank", title, status, e.getMessage(), uri.getPath(), null, null, null));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.error("unexpected error on " + uri.getPath(), e);
        return respond(new Problem("about:blank", "Internal error", 500,
                "the evaluation failed: " + e.getMessage(), uri.getPath(), null, null, null));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
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
