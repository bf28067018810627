package cn.panzhihua.scoring.console;

import cn.panzhihua.scoring.audit.DecisionRecord;
import cn.panzhihua.scoring.audit.RecordStore;
import cn.panzhihua.scoring.evaluation.EvaluationResponse;
import cn.panzhihua.scoring.audit.RecordFilter;
import cn.panzhihua.scoring.report.CirculationReport;
import cn.panzhihua.scoring.report.EvaluationsOfRecord;
import cn.panzhihua.scoring.report.SummaryColumns;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import cn.panzhihua.scoring.security.Roles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The city's table (通报) of a year or of one batch: every unit's annual evaluation of record ranked
 * within its category (progress evaluations never enter it), the units without one listed as 未考评,
 * what each assessment adds, links to the records, and the downloads.
 */
@Path("/console/reports")
@Produces(MediaType.TEXT_HTML)
public class ReportPage {

    /** One assessment's cells: score, contribution, veto (empty where it does not apply). */
    public record Cells(String score, String contribution, String veto) {
    }

    public record Row(String category, int rank, String unit, Cells disclosure, Cells efficiency, Cells information,
                      String total, String recordHref, String vetoes) {
    }

    /** A unit of the year with no annual evaluation of record: listed as 未考评, never ranked. */
    public record Missing(String category, String unit) {
    }

    /** The rows of one category, which are ranked among themselves only. */
    public record Group(String category, List<Row> rows) {
    }

    /**
     * @param countLine  共 72 个单位，已考评 71 个，未考评 1 个
     * @param noSuchBatch the batch asked for has no record at all (a mistyped number, not an empty report)
     */
    public record Table(int year, String batch, String title, String document, List<Group> groups, int units,
                        String xlsx, String csv, String pdf, String countLine, List<Missing> missing, boolean noSuchBatch) {
    }

    @Inject
    ConsoleAccess access;

    @Inject
    RecordStore records;

    @Inject
    Rulebooks rulebooks;

    @Inject
    ObjectMapper mapper;

    @GET
    @Operation(hidden = true)
    public TemplateInstance report(@QueryParam("year") String year, @QueryParam("batch") String batch) {
        access.require(Roles.AUDITOR);
        List<Integer> years = rulebooks.all().stream().map(Rulebook::year).toList();
        String b = batch == null || batch.isBlank() ? null : batch.strip();
        Integer y = year == null || year.isBlank() ? (years.isEmpty() ? null : years.get(years.size() - 1)) : parseYear(year);
        Rulebook rulebook = y == null ? null : rulebooks.forYear(y)
                .orElseThrow(() -> new PageException(404, "没有此年度", "没有 " + y + " 年度的规则，无法出具通报。"));
        Table table = null;
        if (rulebook != null) {
            List<EvaluationResponse> responses = new ArrayList<>();
            for (DecisionRecord record : EvaluationsOfRecord.latestAnnual(records, rulebook.year(), b, Long.MAX_VALUE)) {
                responses.add(read(record));
            }
            boolean noSuchBatch = b != null && responses.isEmpty()
                    && records.search(new RecordFilter(null, null, null, null, b, 0, 1)).total() == 0;
            table = table(rulebook, b, responses, noSuchBatch);
        }
        return Views.report(access.chrome("考核通报", "reports"), years.stream().map(String::valueOf).toList(), y == null ? "" : String.valueOf(y), b == null ? "" : b, table);
    }

    private static Table table(Rulebook rulebook, String batch, List<EvaluationResponse> responses, boolean noSuchBatch) {
        String query = "/api/v1/reports/" + rulebook.year() + "?" + (batch == null ? "" : "batch=" + RecordSheet.encode(batch) + "&") + "format=";
        CirculationReport report = CirculationReport.of(rulebook.year(), responses, Instant.now(), rulebook);
        List<Missing> missing = report.notEvaluated().stream().map(u -> new Missing(u.categoryName(), u.unit())).toList();
        if (responses.isEmpty()) {
            return new Table(rulebook.year(), batch, rulebook.title(), rulebook.document(), List.of(), 0, null, null, null,
                    report.countLine(), missing, noSuchBatch);
        }
        List<Group> groups = new ArrayList<>();
        for (CirculationReport.Row r : report.rows()) {
            String category = r.categoryName();
            if (groups.isEmpty() || !groups.get(groups.size() - 1).category().equals(category)) {
                groups.add(new Group(category, new ArrayList<>()));
            }
            groups.get(groups.size() - 1).rows().add(new Row(category, r.rank(), r.unit(), cells(r.disclosure()), cells(r.efficiency()),
                    cells(r.information()), Numbers.signed(r.totalContribution()), "/console/evaluations/" + r.evaluationId(),
                    String.join("；", r.vetoes())));
        }
        return new Table(rulebook.year(), batch, rulebook.title(), rulebook.document(), groups, report.rows().size(),
                query + "xlsx", query + "csv", query + "pdf", report.countLine(), missing, false);
    }

    private static Cells cells(CirculationReport.Figures f) {
        if (!f.applicable()) {
            return new Cells("不适用", "", "");
        }
        return new Cells(Numbers.plain(f.score()), Numbers.signed(f.contribution()),
                f.vetoed() == null ? "" : f.vetoed() ? "一票否决" : "");
    }

    private EvaluationResponse read(DecisionRecord record) {
        try {
            return mapper.readValue(record.responseJson(), EvaluationResponse.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision record " + record.id() + " does not hold a response this service can read", e);
        }
    }

    private static int parseYear(String year) {
        if (!year.strip().matches("\\d{4}")) {
            throw new PageException(400, "年度有误", "年度应为四位数字，例如 2016，而不是“" + year + "”。");
        }
        return Integer.parseInt(year.strip());
    }
}
