package cn.panzhihua.scoring.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.util.UUID;


/**
 * Every error the API answers is application/problem+json, naming the field and value at fault. A 5xx
 * never carries what failed inside (SQL, stack traces, class names): it answers a correlation id, in
 * the body and the {@value #CORRELATION_HEADER} header, and the log holds the full detail under it.
 * (Refusals of credentials and roles are answered by the security package's mappers.)
 */
public class ProblemMappers {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri, Request request) {
        Problem problem = e.toProblem(uri.getPath());
        if (problem.status() >= 500) {
            // our own 5xx (e.g. records cannot be written): its detail is written for callers; the cause goes to the log
            return internal(problem, e, request.getMethod(), uri.getPath());
        }
        return respond(problem);
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
        return respond(JsonProblems.of(e).toProblem(uri.getPath()));
    }

    /** Unknown paths, wrong methods, wrong media types: the framework's status, as a problem. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, Request request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            // the JSON reader wraps parse errors in a plain 400; say what was wrong with the body
            return json(json, uri);
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        if (status >= 500) {
            return internal(new Problem("about:blank", title, status, null, uri.getPath(), null, null, null), e,
                    request.getMethod(), uri.getPath());
        }
        return respond(new Problem("about:blank", title, status, e.getMessage(), uri.getPath(), null, null, null));
    }

    /** The REST layer's own bound on a body read in full (quarkus.http.limits.max-body-size); otherwise a failure of ours. */
    @ServerExceptionMapper
    public Response io(IOException e, UriInfo uri, Request request) {
        if ("Request too large".equals(e.getMessage())) {
            return respond(new Problem("about:blank", "Request too large", 413, "the body is larger than this service accepts "
                    + "(quarkus.http.limits.max-body-size)", uri.getPath(), null, null, null));
        }
        return unexpected(e, uri, request);
    }

    /** Anything else is the service's fault: a correlation id for the caller, the detail for the log. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri, Request request) {
        return internal(new Problem("about:blank", "Internal error", 500, null, uri.getPath(), null, null, null), e,
                request.getMethod(), uri.getPath());
    }

    /**
     * Answers a 5xx whose detail says only what a caller can act on, with a new correlation id; logs the
     * failure with that id. {@code problem.detail()}, when set, is a message written for callers.
     */
    static Response internal(Problem problem, Throwable cause, String method, String path) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(cause, "correlation id %s: %s %s answered %d", id, method, path, problem.status());
        String detail = (problem.detail() != null ? problem.detail() + ". " : "the service could not complete this request. ")
                + "The error is logged under correlation id " + id + "; quote it to the service's operator";
        Problem answer = new Problem(problem.type(), problem.title(), problem.status(), detail, problem.instance(),
                problem.field(), problem.value(), null, problem.extensions()).with("correlationId", id);
        return Response.fromResponse(respond(answer)).header(CORRELATION_HEADER, id).build();
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
