package cn.panzhihua.scoring.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
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

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
    String credentialCookie;

    @ServerExceptionMapper
    public Response login(PageException.LoginRequired e, UriInfo uri, HttpHeaders headers) {
        // Form authentication sends the browser back to the page named by this cookie after a successful login.
        NewCookie back = new NewCookie.Builder(locationCookie).value(uri.getRequestUri().toString()).path("/")
                .httpOnly(true).sameSite(NewCookie.SameSite.STRICT).build();
        // A session cookie that no longer signs anyone in: the session timed out, and the login page says so.
        Cookie stale = headers.getCookies().get(credentialCookie);
        boolean expired = stale != null && stale.getValue() != null && !stale.getValue().isBlank();
        return Response.seeOther(URI.create(expired ? "/console/login?expired=1" : "/console/login")).cookie(back).build();
    }

    /**
     * An unknown page or a wrong method under /console (a refreshed POST, an address typed by hand)
     * is a Chinese page with a way back, not the API's problem+json; elsewhere the API's answer.
     */
    @ServerExceptionMapper
    public Response notFound(jakarta.ws.rs.NotFoundException e, UriInfo uri, jakarta.ws.rs.core.Request request) {
        if (!console(uri)) {
            return new cn.panzhihua.scoring.problem.ProblemMappers().web(e, uri, request);
        }
        return page(new PageException(404, "没有此页面", "控制台没有“" + uri.getPath() + "”这个页面：地址可能输错了，或页面已移动。"
                + "请从上方菜单重新进入。"));
    }

    @ServerExceptionMapper
    public Response notAllowed(jakarta.ws.rs.NotAllowedException e, UriInfo uri, jakarta.ws.rs.core.Request request) {
        if (!console(uri)) {
            return new cn.panzhihua.scoring.problem.ProblemMappers().web(e, uri, request);
        }
        return page(new PageException(405, "无法直接打开此地址", "“" + uri.getPath() + "”只能通过页面上的按钮提交，不能直接打开或刷新。"
                + "请返回上一页，再点一次按钮。"));
    }

    private static boolean console(UriInfo uri) {
        String path = uri.getPath();
        return path.equals("/console") || path.startsWith("/console/");
    }

    @ServerExceptionMapper
    public Response page(PageException e) {
        TemplateInstance page = Views.error(access.chrome(e.title(), ""), e.status(), e.title(), e.getMessage());
        return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-store")
                .entity(page).build();
    }
}
