package cn.panzhihua.scoring.console;

import cn.panzhihua.scoring.audit.DecisionRecord;
import cn.panzhihua.scoring.audit.RecordFilter;
import cn.panzhihua.scoring.audit.RecordPage;
import cn.panzhihua.scoring.audit.RecordStore;
import cn.panzhihua.scoring.audit.ReplayDiff;
import cn.panzhihua.scoring.evaluation.EvaluationResponse;
import cn.panzhihua.scoring.evaluation.ReplayService;
import cn.panzhihua.scoring.problem.ProblemException;
import cn.panzhihua.scoring.report.ReportPdf;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import cn.panzhihua.scoring.security.Roles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decision records for auditors: search them, read one as the document's 考评表 with the trail
 * under each line, replay it under today's rulebook, and print its 考评表 as PDF.
 */
@Path("/console/evaluations")
@Produces(MediaType.TEXT_HTML)
public class EvaluationsPage {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int PAGE_SIZE = 25;

    /** What was searched for, as the form shows it again. */
    public record Query(String unit, String year, String batch, String from, String to) {
    }

    /** One record in the result list. */
    public record Hit(String id, long seq, String recordedAt, String recordedBy, String unit, int year, String rulebookVersion,
                      String batchId, String batchShort, String totalContribution, String kind, boolean progress) {
    }

    /**
     * A page of results, with links to the neighbouring pages (null where there is none).
     *
     * @param empty why nothing was found, in words: a known unit without records, an unknown name (with the closest
     *              names), a batch number no record carries; null when something was found
     */
    public record Results(long total, int page, int pages, List<Hit> hits, String previous, String next, String empty,
                          List<String> closest) {
    }

    /** One row of the side-by-side comparison of a replay. */
    public record ClauseRow(String clause, String kind, String stored, String replayed, String delta, boolean changed) {
    }

    public record ValueRow(String path, String stored, String replayed) {
    }

    public record ReplayView(String id, String unit, int year, String storedVersion, String currentVersion, boolean changed,
                             List<ValueRow> values, List<ClauseRow> clauses, String storedTotal, String replayedTotal) {
    }

    @Inject
    ConsoleAccess access;

    @Inject
    RecordStore records;

    @Inject
    Rulebooks rulebooks;

    @Inject
    ReplayService replays;

    @Inject
    ObjectMapper mapper;

    @GET
    @Operation(hidden = true)
    public TemplateInstance search(@QueryParam("unit") String unit, @QueryParam("year") String year, @QueryParam("batch") String batch,
                                   @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("page") String page) {
        access.require(Roles.AUDITOR);
        Query query = new Query(trim(unit), trim(year), trim(batch), trim(from), trim(to));
        List<String> errors = new ArrayList<>();
        Integer yearValue = year(query.year(), errors);
        Instant start = day(query.from(), false, "起始日期", errors);
        Instant end = day(query.to(), true, "截止日期", errors);
        if (start != null && end != null && !start.isBefore(end)) {
            errors.add("截止日期应晚于起始日期。");
        }
        int pageNumber = Math.max(0, parse(page));
        Results results = null;
        List<String> units = rulebooks.all().stream().flatMap(r -> r.units().keySet().stream()).distinct().toList();
        if (errors.isEmpty()) {
            RecordPage<DecisionRecord> found = records.search(new RecordFilter(query.unit(), yearValue, start, end, query.batch(),
                    pageNumber, PAGE_SIZE));
            int pages = (int) Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
            if (pageNumber >= pages && found.total() > 0) {
                // page 999 of 3: the last page, not an empty one
                pageNumber = pages - 1;
                found = records.search(new RecordFilter(query.unit(), yearValue, start, end, query.batch(), pageNumber, PAGE_SIZE));
            }
            List<Hit> hits = found.items().stream().map(this::hit).toList();
            String empty = null;
            List<String> closest = List.of();
            if (found.total() == 0) {
                if (query.unit() != null && !units.contains(query.unit())) {
                    closest = units.stream().filter(u -> u.contains(query.unit()) || query.unit().contains(u)
                            || common(u, query.unit()) >= Math.min(2, query.unit().length())).limit(8).toList();
                    empty = "没有名为“" + query.unit() + "”的单位（单位名称须与任务分配表一致）。" + (closest.isEmpty() ? "" : "您要找的是否是：");
                } else if (query.batch() != null && records.search(new RecordFilter(null, null, null, null, query.batch(), 0, 1)).total() == 0) {
                    empty = "没有编号为“" + query.batch() + "”的批次。";
                } else if (query.unit() != null) {
                    empty = query.unit() + " 在所选条件下还没有考评记录。";
                } else {
                    empty = "所选条件下没有考评记录。";
                }
            }
            results = new Results(found.total(), pageNumber + 1, pages, hits,
                    pageNumber > 0 ? link(query, pageNumber - 1) : null,
                    (long) (pageNumber + 1) * PAGE_SIZE < found.total() ? link(query, pageNumber + 1) : null, empty, closest);
        }
        List<String> years = rulebooks.all().stream().map(r -> String.valueOf(r.year())).toList();
        return Views.evaluations(access.chrome("考评记录查询", "evaluations"), query, errors, results, units, years);
    }

    @GET
    @Path("/{id}")
    @Operation(hidden = true)
    public TemplateInstance record(@PathParam("id") String id) {
        access.require(Roles.AUDITOR);
        DecisionRecord record = stored(id);
        EvaluationResponse response = response(record);
        Rulebook rulebook = rulebooks.forYear(record.year()).orElse(null);
        RecordSheet sheet = RecordSheet.of(record, response, rulebook, chain(record));
        return Views.record(access.chrome(record.unit() + " " + record.year() + " 年度考评记录", "evaluations"), sheet);
    }

    /**
     * The replay again, for a refreshed or reopened replay page, or a login that returns to it: a
     * replay stores nothing, so answering GET is safe and a person never meets "405 Method Not Allowed".
     */
    @GET
    @Path("/{id}/replay")
    @Operation(hidden = true)
    public TemplateInstance replayAgain(@PathParam("id") String id) {
        access.require(Roles.AUDITOR);
        DecisionRecord record = stored(id);
        ReplayService.Replay replay;
        try {
            replay = replays.replay(record);
        } catch (ProblemException e) {
            throw new PageException(e.status(), "无法重放", "此记录无法按现行规则重新评分：" + e.getMessage());
        }
        JsonNode stored = json(record.responseJson());
        List<ClauseRow> clauses = ReplayDiff.allClauses(stored, replay.replayed()).stream()
                .map(c -> new ClauseRow(c.clause(), kind(c.kind()), Numbers.plain(c.stored()), Numbers.plain(c.replayed()),
                        c.changed() ? Numbers.signed(c.delta()) : "", c.changed())).toList();
        List<ValueRow> values = replay.changes().stream()
                .map(v -> new ValueRow(v.path(), text(v.stored()), text(v.replayed()))).toList();
        ReplayView view = new ReplayView(record.id(), record.unit(), record.year(), replay.storedVersion(), replay.currentVersion(),
                replay.changed(), values, clauses, text(stored.get("totalContribution")), text(replay.replayed().get("totalContribution")));
        return Views.replay(access.chrome("重放：" + record.unit() + " " + record.year() + " 年度", "evaluations"), view);
    }

    /** The page's button: the same replay, with the form's token. */
    @POST
    @Path("/{id}/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public TemplateInstance replay(@PathParam("id") String id, @FormParam(FormToken.FIELD) String formToken) {
        access.require(Roles.AUDITOR);
        access.checkForm(formToken);
        return replayAgain(id);
    }

    /** The unit's 考评表 as a PDF, as the record holds it. */
    @GET
    @Path("/{id}/pdf")
    @Produces("application/pdf")
    @Operation(hidden = true)
    public Response pdf(@PathParam("id") String id) {
        access.require(Roles.AUDITOR);
        DecisionRecord record = stored(id);
        EvaluationResponse response = response(record);
        Rulebook rulebook = rulebooks.forYear(record.year()).orElse(null);
        // the checkpoint that covers the record, printed on the 考评表 so the paper can be checked against the chain later
        cn.panzhihua.scoring.audit.Checkpoint checkpoint = records.checkpoint("考评表 " + record.id(), true);
        StreamingOutput body = out -> ReportPdf.unit(response, rulebook, Instant.now(), checkpoint, out);
        String name = "考评表-" + record.unit() + "-" + record.year() + ".pdf";
        return Response.ok(body, "application/pdf")
                .header("Cache-Control", "no-store")
                .header("Content-Disposition", "inline; filename=\"record.pdf\"; filename*=UTF-8''" + RecordSheet.encode(name)).build();
    }

    private RecordSheet.Chain chain(DecisionRecord record) {
        return RecordSheet.chainOf(records, record);
    }

    private DecisionRecord stored(String id) {
        if (id == null || !UUID.matcher(id).matches()) {
            throw new PageException(404, "没有此记录", "“" + id + "”不是考评记录的编号。");
        }
        return records.find(id).orElseThrow(() -> new PageException(404, "没有此记录", "没有编号为 " + id + " 的考评记录。"));
    }

    private EvaluationResponse response(DecisionRecord record) {
        try {
            return mapper.readValue(record.responseJson(), EvaluationResponse.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision record " + record.id() + " does not hold a response this service can read", e);
        }
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored record does not hold valid JSON", e);
        }
    }

    private Hit hit(DecisionRecord r) {
        BigDecimal total = json(r.responseJson()).path("totalContribution").decimalValue();
        return new Hit(r.id(), r.seq(), Numbers.time(r.recordedAt()), r.recordedBy(), r.unit(), r.year(), r.rulebookVersion(),
                r.batchId(), r.batchId() == null ? null : r.batchId().substring(0, Math.min(8, r.batchId().length())), Numbers.signed(total),
                r.kind().chinese(), r.kind() == cn.panzhihua.scoring.audit.RecordKind.PROGRESS);
    }

    /** How many characters two names share: enough to offer 市侨联 for 市侨. */
    private static long common(String a, String b) {
        return a.codePoints().filter(c -> b.indexOf(c) >= 0 && c != '市').distinct().count();
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "—";
        }
        if (node.isNumber()) {
            return Numbers.plain(node.decimalValue());
        }
        if (node.isBoolean()) {
            return node.asBoolean() ? "是" : "否";
        }
        return node.asText();
    }

    private static String kind(String kind) {
        String[] parts = kind.split(" ", 2);
        String level = parts.length > 1 ? (parts[1].equals("MUNICIPAL") ? "（市级）" : parts[1].equals("PROVINCIAL") ? "（省级）" : parts[1]) : "";
        String name = switch (parts[0]) {
            case "DEDUCTION" -> "扣分";
            case "CAP" -> "封顶";
            case "TIER" -> "完成档次";
            case "TALLY" -> "采用计分";
            case "NOT_COUNTED" -> "不计分";
            case "VETO" -> "一票否决";
            case "CONVERSION" -> "折算";
            case "SELF_SCORE" -> "自评差异";
            default -> parts[0];
        };
        return name + level;
    }

    private static String link(Query q, int page) {
        StringBuilder href = new StringBuilder("/console/evaluations?page=").append(page);
        append(href, "unit", q.unit());
        append(href, "year", q.year());
        append(href, "batch", q.batch());
        append(href, "from", q.from());
        append(href, "to", q.to());
        return href.toString();
    }

    private static void append(StringBuilder href, String name, String value) {
        if (value != null) {
            href.append('&').append(name).append('=').append(RecordSheet.encode(value));
        }
    }

    private static Integer year(String year, List<String> errors) {
        if (year == null) {
            return null;
        }
        if (!year.matches("\\d{4}")) {
            errors.add("年度应为四位数字，例如 2016，而不是“" + year + "”。");
            return null;
        }
        return Integer.parseInt(year);
    }

    private static Instant day(String value, boolean end, String label, List<String> errors) {
        if (value == null) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(value);
            return (end ? day.plusDays(1) : day).atStartOfDay(Numbers.BEIJING).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(label + "应为日期，例如 2016-12-31，而不是“" + value + "”。");
            return null;
        }
    }

    private static int parse(String page) {
        try {
            return page == null ? 0 : Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
