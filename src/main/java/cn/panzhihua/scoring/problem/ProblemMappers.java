package cn.panzhihua.scoring.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;


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
        return respond(JsonProblems.of(e).toProblem(uri.getPath()));
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
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthorized("this operation needs credentials: HTTP Basic (users from configuration) or an OIDC bearer token", uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        // A person's failed form login (the console) goes back to the form's error page, not to a problem+json 401.
        Config config = ConfigProvider.getConfig();
        String formPost = config.getOptionalValue("quarkus.http.auth.form.post-location", String.class).orElse("/j_security_check");
        Optional<String> errorPage = config.getOptionalValue("quarkus.http.auth.form.error-page", String.class);
        if (errorPage.isPresent() && formPost.equals(uri.getPath())) {
            return Response.status(Response.Status.FOUND).location(URI.create(errorPage.get())).build();
        }
        return unauthorized("the credentials were not accepted", uri);
    }

    private static Response unauthorized(String detail, UriInfo uri) {
        return Response.fromResponse(respond(new Problem("about:blank", "Unauthorized", 401, detail, uri.getPath(), null, null, null)))
                .header("WWW-Authenticate", "Basic realm=\"rubric-evaluation\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem("about:blank", "Forbidden", 403,
                "your roles do not allow this operation", uri.getPath(), null, null, null));
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
}
