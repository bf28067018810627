package cn.panzhihua.scoring.security;

import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import cn.panzhihua.scoring.problem.Problem;
import cn.panzhihua.scoring.problem.ProblemMappers;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/** Refusals as problems: 401 says what credentials are accepted, 403 names the role the operation needs. */
public class AccessProblems {

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentVertxRequest request;

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthorized(e.getMessage() != null && e.getMessage().startsWith(Access.RECORDING_NEEDS_IDENTITY) ? e.getMessage()
                : "this operation needs credentials: HTTP Basic (users from configuration) or an OIDC bearer token", uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        // A person's failed form login (the console) goes back to the form's error page, not to a problem+json 401.
        Config config = ConfigProvider.getConfig();
        String formPost = config.getOptionalValue("quarkus.http.auth.form.post-location", String.class).orElse("/j_security_check");
        Optional<String> errorPage = config.getOptionalValue("quarkus.http.auth.form.error-page", String.class);
        boolean form = formPost.equals(uri.getPath());
        RoutingContext rc = request == null ? null : request.getCurrent();
        AuthThrottle.Lock lock = rc == null ? null : rc.get(SignInGate.LOCKED);
        if (lock != null) {
            long seconds = Math.max(1, (lock.remaining().toMillis() + 999) / 1000);
            Optional<String> loginPage = config.getOptionalValue("quarkus.http.auth.form.login-page", String.class);
            if (form && loginPage.isPresent()) {
                // a person: the login page says, in Chinese, when to try again
                return Response.seeOther(URI.create(loginPage.get() + "?locked=" + seconds)).build();
            }
            Problem problem = new Problem("about:blank", "Too many failed sign-ins", 429, lock.what() + " is locked for " + seconds
                    + " more seconds after " + lock.failures() + " failed sign-ins; sign-ins are refused until then, the right password "
                    + "included (Retry-After says when to try again)", uri.getPath(), null, null, null);
            return Response.fromResponse(ProblemMappers.respond(problem)).status(429).header("Retry-After", Long.toString(seconds)).build();
        }
        if (errorPage.isPresent() && form) {
            return Response.status(Response.Status.FOUND).location(URI.create(errorPage.get())).build();
        }
        return unauthorized("the credentials were not accepted", uri);
    }

    private static Response unauthorized(String detail, UriInfo uri) {
        return Response.fromResponse(ProblemMappers.respond(new Problem("about:blank", "Unauthorized", 401, detail, uri.getPath(), null, null, null)))
                .header("WWW-Authenticate", "Basic realm=\"rubric-evaluation\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, ResourceInfo resource) {
        List<String> needed = e instanceof RoleRequired required ? required.roles() : declaredRoles(resource);
        String who = identity.isAnonymous() ? "an anonymous caller"
                : identity.getPrincipal().getName() + " (roles: " + (identity.getRoles().isEmpty() ? "none"
                : String.join(", ", new TreeSet<>(identity.getRoles()))) + ")";
        String detail = needed.isEmpty() ? "your roles do not allow this operation"
                : "this operation needs the role " + String.join(" or ", needed) + "; the caller is " + who;
        Problem problem = new Problem("about:blank", "Forbidden", 403, detail, uri.getPath(), null, null, null);
        return ProblemMappers.respond(needed.isEmpty() ? problem : problem.with("requiredRoles", needed));
    }

    /** The roles of the endpoint's {@code @RolesAllowed} (on the method, else its class). */
    private static List<String> declaredRoles(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return List.of();
        }
        RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return allowed == null ? List.of() : Arrays.asList(allowed.value());
    }
}
