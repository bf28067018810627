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
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
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
    public Response login(@QueryParam("error") String error, @QueryParam("locked") String locked, @QueryParam("expired") String expired) {
        long seconds = lockedSeconds(locked);
        if (seconds > 0) {
            // Sent here by a sign-in refused while locked (AccessProblems): say, plainly, when to try again.
            return Response.status(429).header("Retry-After", Long.toString(seconds)).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(Views.error(access.chrome("登录已暂停", "login"), 429, "登录已暂停", lockedText(seconds,
                            ZonedDateTime.now(ZoneId.systemDefault())))).build();
        }
        return Response.ok(Views.login(access.chrome("登录", "login"), error != null, error == null && expired != null)).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    /** The seconds a locked sign-in waits, from the query (at most a day), or 0. */
    static long lockedSeconds(String locked) {
        if (locked == null || !locked.matches("[0-9]{1,6}")) {
            return 0;
        }
        return Math.min(Long.parseLong(locked), 86_400);
    }

    /** What a person whose sign-in is locked reads: why, for how long, and until what time. */
    static String lockedText(long seconds, ZonedDateTime now) {
        long minutes = (seconds + 59) / 60;
        String wait = seconds < 60 ? seconds + " 秒" : minutes + " 分钟";
        String until = now.plusSeconds(seconds).format(DateTimeFormatter.ofPattern("HH:mm:ss"));
        return "密码连续输错多次，该用户从您所在的地址登录已暂停。请在 " + wait + "后（" + until
                + " 以后）再试；暂停期间即使输入正确的密码也无法登录。如忘记密码，请联系系统管理员。";
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
