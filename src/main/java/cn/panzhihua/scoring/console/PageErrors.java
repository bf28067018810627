package cn.panzhihua.scoring.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;

/**
 * Console pages that cannot be shown answer an HTML page (or, for a person not logged in, the login
 * form), never the API's problem+json: these map only {@link PageException}, which only console
 * pages throw.
 */
public class PageErrors {

    @ConfigProperty(name = "quarkus.http.auth.form.location-cookie", defaultValue = "quarkus-redirect-location")
    String locationCookie;

    @Inject
    ConsoleAccess access;

    @ServerExceptionMapper
    public Response login(PageException.LoginRequired e, UriInfo uri) {
        // Form authentication sends the browser back to the page named by this cookie after a successful login.
        NewCookie back = new NewCookie.Builder(locationCookie).value(uri.getRequestUri().toString()).path("/")
                .httpOnly(true).sameSite(NewCookie.SameSite.STRICT).build();
        return Response.seeOther(URI.create("/console/login")).cookie(back).build();
    }

    @ServerExceptionMapper
    public Response page(PageException e) {
        TemplateInstance page = Views.error(access.chrome(e.title(), ""), e.status(), e.title(), e.getMessage());
        return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page).build();
    }
}
