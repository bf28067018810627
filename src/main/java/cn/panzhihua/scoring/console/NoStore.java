package cn.panzhihua.scoring.console;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Console pages and the reports show people's records: no browser or proxy keeps them, so after
 * logging out, Back shows no record (issue 19 §4). Applies to every console page and the report
 * downloads; a response that already says how it may be cached keeps its own word.
 */
public class NoStore {

    @ServerResponseFilter
    public void noStore(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        boolean personal = path.equals("/console") || path.startsWith("/console/") || path.startsWith("/api/v1/reports")
                || path.startsWith("/api/v1/evaluations/");
        if (personal && !response.getHeaders().containsKey("Cache-Control")) {
            response.getHeaders().putSingle("Cache-Control", "no-store");
        }
    }
}
