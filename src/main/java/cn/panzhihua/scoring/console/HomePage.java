package cn.panzhihua.scoring.console;

import cn.panzhihua.scoring.rulebook.Rulebooks;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.List;

/** The service's front page, the console's start page, and logging in and out. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomePage {

    /**
     * A rulebook as the front page lists it; {@code document} and {@code citation} (issuer, number,
     * title, issuing date) come from its rulebook.properties, never from the page.
     */
    public record RulebookLine(int year, String version, String status, String title, String document, String citation) {
    }

    @Inject
    ConsoleAccess access;

    @Inject
    Rulebooks rulebooks;

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
    String credentialCookie;

    @GET
    @Operation(hidden = true)
    public TemplateInstance home() {
        List<RulebookLine> lines = rulebooks.states().stream().map(s -> new RulebookLine(s.year(),
                s.serving() == null ? "" : s.serving().version(), RulebooksPage.status(s),
                s.serving() == null ? "" : s.serving().title(), s.serving() == null ? "" : s.serving().document(),
                s.serving() == null ? "" : cn.panzhihua.scoring.report.TitleBlock.of(s.serving(), s.year(), java.time.Instant.now()).citation()))
                .toList();
        return Views.home(access.chrome("攀枝花市目标考核评分服务", "home"), lines);
    }

    @GET
    @Path("console")
    @Operation(hidden = true)
    public TemplateInstance console() {
        return home();
    }

    @GET
    @Path("console/login")
    @Operation(hidden = true)
    public TemplateInstance login(@QueryParam("error") String error) {
        return Views.login(access.chrome("登录", "login"), error != null);
    }

    /** Ends the session: the form login's cookie is dropped. */
    @GET
    @Path("console/logout")
    @Operation(hidden = true)
    public Response logout() {
        NewCookie gone = new NewCookie.Builder(credentialCookie).value("").path("/").maxAge(0).httpOnly(true).build();
        return Response.seeOther(URI.create("/")).cookie(gone).build();
    }
}
