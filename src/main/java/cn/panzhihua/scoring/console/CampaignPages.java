package cn.panzhihua.scoring.console;

import cn.panzhihua.scoring.campaign.CampaignAccess;
import cn.panzhihua.scoring.campaign.CampaignService;
import cn.panzhihua.scoring.campaign.CampaignViews;
import cn.panzhihua.scoring.campaign.Stage;
import cn.panzhihua.scoring.problem.ProblemException;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import cn.panzhihua.scoring.security.Roles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The assessment year in the console (issue 20): the list of years with each role's way in, the
 * office's dashboard with the next action and its button, and the 市目标督查办's view of the
 * hand-over. Every button calls the year's service as the API does; a refusal is shown in Chinese
 * on the page. The forms post to this service only (CrossSiteGuard refuses any other origin), and
 * carry an idempotency key so a double click does one thing.
 */
@Path("/console/campaigns")
@Produces(MediaType.TEXT_HTML)
public class CampaignPages {

    /** A year as the list shows it, with the pages the person may open. */
    public record YearLine(int year, String stage, String dashboard, String unitPage, String handover, String notice) {
    }

    public record UnitLine(String unit, String category, String submitted, String last, String state, boolean late, boolean complete,
                           String facts, String total, int openObjections, String href) {
    }

    public record ObjectionLine(String id, String unit, String subject, String reasons, String state, boolean open, String filedBy,
                                String filedAt, String daysLeft, String decision, String factsJson, String key, String unitHref) {
    }

    /**
     * @param office the person may act (evaluator); auditors read only
     * @param action the step the next action names (evaluate, publish, confirm, handover) or null
     */
    public record Board(int year, boolean opened, String stage, String today, String due, String from, String to, String openedBy,
                        int units, int submitted, int late, int scored, String nextAction, String action, List<UnitLine> lateUnits,
                        List<UnitLine> unitLines, List<ObjectionLine> objections, int openObjections, boolean office, String key,
                        String notice) {
    }

    public record HandoverUnit(String unit, String category, int rank, String disclosure, String efficiency, String information,
                               String total) {
    }

    public record Handover(int year, String document, String confirmedAt, long checkpoint, String sha256, List<HandoverUnit> units,
                           NoticeTable notice, String json) {
    }

    @Inject
    ConsoleAccess access;

    @Inject
    CampaignAccess campaignAccess;

    @Inject
    CampaignService campaigns;

    @Inject
    Rulebooks rulebooks;

    @Inject
    ObjectMapper mapper;

    @GET
    @Operation(hidden = true)
    public TemplateInstance years() {
        access.require(Roles.EVALUATOR, Roles.AUDITOR, Roles.UNIT, Roles.SUPERVISOR);
        boolean office = access.has(Roles.EVALUATOR) || access.has(Roles.AUDITOR);
        Optional<String> unit = access.has(Roles.UNIT) && !office ? campaignAccess.boundUnit() : Optional.empty();
        List<YearLine> lines = new ArrayList<>();
        for (Rulebook r : rulebooks.all()) {
            Stage stage = stageOf(r.year());
            String base = "/console/campaigns/" + r.year();
            lines.add(new YearLine(r.year(), YearWords.stage(stage), office ? base : null,
                    unit.isPresent() && stage != null ? base + "/units/" + RecordSheet.encode(unit.get()) : null,
                    access.has(Roles.SUPERVISOR) || office ? base + "/handover" : null, "/console/public/campaigns/" + r.year()));
        }
        return Views.campaigns(access.chrome("考核年度", "campaigns"), lines, unit.orElse(null));
    }

    @GET
    @Path("{year}")
    @Operation(hidden = true)
    public TemplateInstance board(@PathParam("year") String year, @QueryParam("done") String done) {
        access.require(Roles.EVALUATOR, Roles.AUDITOR);
        return board(year, YearWords.done(done), null);
    }

    private TemplateInstance board(String yearText, String done, String error) {
        int year = year(yearText);
        CampaignViews.YearView view;
        try {
            view = campaigns.year(String.valueOf(year));
        } catch (ProblemException e) {
            if (e.status() != 404) {
                throw e;
            }
            Board empty = new Board(year, false, YearWords.stage(null), "", "", "", "", "", 0, 0, 0, 0,
                    "开启本年度考核：填写自评截止日期和公示期", null, List.of(), List.of(), List.of(), 0, access.has(Roles.EVALUATOR),
                    UUID.randomUUID().toString(), null);
            return Views.year(access.chrome(year + " 年度考核", "campaigns"), empty, done, error);
        }
        List<UnitLine> units = view.unitStatus().stream().map(u -> unitLine(year, u, categoryName(rulebooks, year, u.category()))).toList();
        String base = UUID.randomUUID().toString();
        List<ObjectionLine> objections = new ArrayList<>();
        for (CampaignViews.ObjectionView o : view.objections()) {
            boolean open = "OPEN".equals(o.status());
            objections.add(new ObjectionLine(o.id(), o.unit(), o.subject(), o.reasons(), YearWords.objection(o.status()), open, o.filedBy(),
                    YearWords.time(o.filedAt()), o.daysLeft() == null ? "" : o.daysLeft() + " 天",
                    open ? "" : (o.decidedBy() + " 于 " + YearWords.time(o.decidedAt()) + " 决定" + (o.decisionReason() == null
                            || o.decisionReason().isBlank() ? "" : "：" + o.decisionReason())),
                    open && access.has(Roles.EVALUATOR) ? currentFacts(year, o.unit()) : "", base + "-" + o.id(),
                    "/console/campaigns/" + year + "/units/" + RecordSheet.encode(o.unit())));
        }
        Board board = new Board(year, true, YearWords.stage(view.stage()), String.valueOf(view.today()), String.valueOf(view.selfAssessmentDue()),
                String.valueOf(view.publicationFrom()), String.valueOf(view.publicationTo()), view.openedBy(), view.units(), view.unitsSubmitted(),
                view.unitsLate(), view.unitsScored(), view.nextAction(), action(view), units.stream().filter(UnitLine::late).toList(), units,
                objections, (int) objections.stream().filter(ObjectionLine::open).count(), access.has(Roles.EVALUATOR), base,
                view.stage().compareTo(Stage.PUBLISHED) >= 0 ? "/console/public/campaigns/" + year : null);
        return Views.year(access.chrome(year + " 年度考核", "campaigns"), board, done, error);
    }

    /** A category's name as the rulebook gives it (categories.tsv), e.g. 市级部门; the code if it has none. */
    static String categoryName(Rulebooks rulebooks, int year, String code) {
        return code == null ? "" : rulebooks.forYear(year).flatMap(r -> r.category(code)).map(c -> c.name()).orElse(code);
    }

    private static UnitLine unitLine(int year, CampaignViews.UnitStatus u, String category) {
        boolean complete = u.itemsSubmitted() == u.itemsExpected();
        String state = complete ? "已提交" : u.late() ? "逾期未交齐" : u.itemsSubmitted() == 0 ? "未提交" : "填报中";
        if (u.reopenedUntil() != null) {
            state += "（已重新开放至 " + u.reopenedUntil() + "）";
        }
        return new UnitLine(u.unit(), category, u.itemsSubmitted() + " / " + u.itemsExpected(), YearWords.time(u.lastSubmittedAt()),
                state, u.late(), complete, u.factsRecorded() ? "已录入" : "未录入",
                u.totalContribution() == null ? "" : Numbers.signed(u.totalContribution()), u.openObjections(),
                "/console/campaigns/" + year + "/units/" + RecordSheet.encode(u.unit()));
    }

    /** The step the office takes next, as a button; null while it waits for the units or the period. */
    private static String action(CampaignViews.YearView view) {
        long open = view.objections().stream().filter(o -> "OPEN".equals(o.status())).count();
        return switch (view.stage()) {
            case OPEN -> view.today().isAfter(view.selfAssessmentDue()) ? "evaluate" : null;
            case SCORED -> "publish";
            case PUBLISHED -> open == 0 && view.today().isAfter(view.publicationTo()) ? "confirm" : null;
            case CONFIRMED -> "handover";
            case HANDED_OVER -> null;
        };
    }

    /** The unit's facts as its evaluation of record was built from them: what an upheld objection corrects. */
    private String currentFacts(int year, String unit) {
        try {
            JsonNode request = campaigns.evaluationOf(String.valueOf(year), unit, true).request();
            ObjectNode facts = mapper.createObjectNode();
            facts.set("findings", request.path("findings").isMissingNode() ? mapper.createArrayNode() : request.path("findings"));
            facts.set("information", request.path("information"));
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(facts);
        } catch (ProblemException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return "";
        }
    }

    // ------------------------------------------------------------------ the office's steps

    @POST
    @Path("{year}/open")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Object open(@PathParam("year") String year, @FormParam("selfAssessmentDue") String due, @FormParam("publicationFrom") String from,
                       @FormParam("publicationTo") String to, @FormParam("key") String key,
                       @FormParam(FormToken.FIELD) String formToken) {
        return step(year, formToken, "open", () -> campaigns.open(year, new CampaignViews.OpenRequest(due, from, to), campaignAccess.who(), key(key)));
    }

    @POST
    @Path("{year}/evaluate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Object evaluate(@PathParam("year") String year, @FormParam("key") String key,
                       @FormParam(FormToken.FIELD) String formToken) {
        return step(year, formToken, "evaluate", () -> campaigns.evaluate(year, campaignAccess.who(), key(key)));
    }

    @POST
    @Path("{year}/publish")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Object publish(@PathParam("year") String year, @FormParam("key") String key,
                       @FormParam(FormToken.FIELD) String formToken) {
        return step(year, formToken, "publish", () -> campaigns.publish(year, campaignAccess.who(), key(key)));
    }

    @POST
    @Path("{year}/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Object confirm(@PathParam("year") String year, @FormParam("key") String key,
                       @FormParam(FormToken.FIELD) String formToken) {
        return step(year, formToken, "confirm", () -> campaigns.confirm(year, campaignAccess.who(), key(key)));
    }

    @POST
    @Path("{year}/handover")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Object handOver(@PathParam("year") String year, @FormParam("key") String key,
                       @FormParam(FormToken.FIELD) String formToken) {
        return step(year, formToken, "handover", () -> campaigns.handOver(year, campaignAccess.who(), key(key)));
    }

    @POST
    @Path("{year}/objections/{id}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Object decide(@PathParam("year") String year, @PathParam("id") String id, @FormParam("outcome") String outcome,
                         @FormParam("reason") String reason, @FormParam("facts") String facts, @FormParam("key") String key,
                       @FormParam(FormToken.FIELD) String formToken) {
        return step(year, formToken, "decision", () -> {
            JsonNode corrected = null;
            if ("UPHELD".equals(outcome)) {
                try {
                    corrected = facts == null || facts.isBlank() ? null : mapper.readTree(facts);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw ProblemException.badField("facts", null, "the corrected facts are not JSON: " + e.getOriginalMessage());
                }
            }
            return campaigns.decide(year, id, new CampaignViews.DecisionRequest(outcome, reason, corrected), campaignAccess.who(), key(key));
        });
    }

    /**
     * Does one step of the office: then back to the dashboard saying so (303, so a reload does not
     * post again); refused, the dashboard again with the refusal in Chinese and its status.
     */
    private Object step(String year, String formToken, String done, Supplier<?> work) {
        access.require(Roles.EVALUATOR);
        int y = year(year);
        access.checkForm(formToken);
        try {
            work.get();
        } catch (ProblemException e) {
            return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(board(String.valueOf(y), null, YearWords.refusal(e) + detail(e))).build();
        }
        return Response.seeOther(URI.create("/console/campaigns/" + y + "?done=" + done)).build();
    }

    static String detail(ProblemException e) {
        return "（系统说明：" + e.getMessage() + "）";
    }

    /** A form's key, bounded as the service wants it; a form without one is still done once. */
    static String key(String key) {
        return key == null || key.isBlank() || key.length() > 100 ? null : key.strip();
    }

    // ------------------------------------------------------------------ the 督查办's view

    @GET
    @Path("{year}/handover")
    @Operation(hidden = true)
    public TemplateInstance handover(@PathParam("year") String yearText) {
        access.require(Roles.SUPERVISOR, Roles.EVALUATOR, Roles.AUDITOR);
        int year = year(yearText);
        JsonNode pack;
        try {
            pack = campaigns.handover(String.valueOf(year));
        } catch (ProblemException e) {
            String stage = e.status() == 404 ? "本年度考核尚未开启" : "本年度考核目前的阶段：" + stageWords(e);
            throw new PageException(e.status(), "尚未移交", year + " 年度的考核结果须经公示无异议、由市政府办确认后，才报市目标督查办；"
                    + "在此之前没有可查看的移交结果。" + stage + "。");
        }
        java.util.Map<String, String> categories = new java.util.HashMap<>();
        pack.path("notice").path("rows").forEach(r -> categories.put(r.path("unit").asText(), r.path("categoryName").asText()));
        List<HandoverUnit> units = new ArrayList<>();
        for (JsonNode u : pack.path("units")) {
            units.add(new HandoverUnit(u.path("unit").asText(), categories.getOrDefault(u.path("unit").asText(), u.path("category").asText()), u.path("rank").asInt(), contribution(u.path("disclosure")),
                    contribution(u.path("efficiency")), contribution(u.path("information")), Numbers.signed(u.path("totalContribution").decimalValue())));
        }
        String sha = "";
        try {
            sha = campaigns.year(String.valueOf(year)).handoverSha256();
        } catch (ProblemException e) {
            // the supervisor may not read the dashboard; the hash is then shown from the package's own JSON below
        }
        Handover view = new Handover(year, pack.path("document").asText(), NoticeTable.instant(pack.path("confirmedAt").asText()),
                pack.path("confirmedCheckpoint").asLong(), sha == null ? "" : sha, units, NoticeTable.of(pack.path("notice"), pack.path("changes")),
                "/api/v1/campaigns/" + year + "/handover");
        return Views.handover(access.chrome(year + " 年度考核结果移交", "campaigns"), view);
    }

    private static String stageWords(ProblemException e) {
        Object value = e.toProblem(null).value();
        try {
            return YearWords.stage(value == null ? null : Stage.valueOf(String.valueOf(value)));
        } catch (IllegalArgumentException ignored) {
            return String.valueOf(value);
        }
    }

    private static String contribution(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? "不适用" : Numbers.signed(n.decimalValue());
    }

    // ------------------------------------------------------------------ shared

    private Stage stageOf(int year) {
        try {
            return campaigns.notice(String.valueOf(year)).stage();
        } catch (ProblemException notPublished) {
            // not published (or not open): the dashboard's view says which, but only the office may read it
            if (access.has(Roles.EVALUATOR) || access.has(Roles.AUDITOR)) {
                try {
                    return campaigns.year(String.valueOf(year)).stage();
                } catch (ProblemException notOpen) {
                    return null;
                }
            }
            return access.has(Roles.UNIT) ? unitStage(year) : null;
        }
    }

    private Stage unitStage(int year) {
        try {
            return campaigns.unit(String.valueOf(year), campaignAccess.boundUnit().orElseThrow(), false).stage();
        } catch (ProblemException | java.util.NoSuchElementException e) {
            return null;
        }
    }

    static int year(String year) {
        if (year == null || !year.strip().matches("\\d{4}")) {
            throw new PageException(404, "没有此年度", "“" + year + "”不是年度：年度应为四位数字，例如 2016。");
        }
        return Integer.parseInt(year.strip());
    }
}
