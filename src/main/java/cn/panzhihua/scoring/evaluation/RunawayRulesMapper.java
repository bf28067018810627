package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.problem.Problem;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A rulebook that did not settle: 422 when it is a draft (an impact candidate: the author must fix
 * it), 503 when it is the one serving (nothing was answered or stored; the service goes on and an
 * author must fix the rulebook).
 */
public class RunawayRulesMapper {

    private static final Logger LOG = Logger.getLogger(RunawayRulesMapper.class);

    @Inject
    Rulebooks rulebooks;

    @ServerExceptionMapper
    public Response runaway(RunawayRulesException e, UriInfo uri) {
        boolean serving = rulebooks.forYear(e.year()).map(Rulebook::version).filter(e.version()::equals).isPresent();
        int status = serving ? 503 : 422;
        String detail = serving
                ? e.getMessage() + ". Nothing was answered or stored; the rulebook needs a fix (see rules.max-firings and rules.time-budget)"
                : e.getMessage() + ". The draft is rejected: fix the rule that inserts what re-triggers it";
        if (serving) {
            LOG.errorf("serving %s", e.getMessage());
        }
        Problem problem = new Problem("about:blank", serving ? "Rulebook did not settle" : "Draft rules did not settle", status, detail,
                uri.getPath(), "rulebook", e.version(), null);
        Response.ResponseBuilder answer = Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
        return serving ? answer.header("Retry-After", "60").build() : answer.build();
    }
}
