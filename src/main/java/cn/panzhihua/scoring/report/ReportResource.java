package cn.panzhihua.scoring.report;

import cn.panzhihua.scoring.audit.DecisionRecord;
import cn.panzhihua.scoring.audit.RecordStore;
import cn.panzhihua.scoring.evaluation.EvaluationResponse;
import cn.panzhihua.scoring.problem.ProblemException;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import cn.panzhihua.scoring.rulebook.YearParam;
import cn.panzhihua.scoring.security.Roles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The circulation report (通报) of a year: every unit's latest decision record, or a batch's, ranked
 * within its category. As JSON, as CSV for Excel, or as an XLSX workbook whose unit sheets mirror
 * the document's 考评表.
 */
@Path("/api/v1/reports")
@Tag(name = "reports")
public class ReportResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String CSV = "text/csv";

    @Inject
    RecordStore records;

    @Inject
    Rulebooks rulebooks;

    @Inject
    ObjectMapper mapper;

    @GET
    @Path("/{year}")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "The circulation report of a year (通报): rankings within each category, scores, contributions, vetoes",
            description = "From the latest decision record of each unit, or of one batch (?batch=). format=json|csv|xlsx, "
                    + "or the Accept header (application/json, text/csv, " + XLSX + ").")
    public Response report(@PathParam("year") String year, @QueryParam("batch") String batch, @QueryParam("format") String format,
                           @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        Rulebook rulebook = YearParam.rulebook(rulebooks, "year", year);
        String kind = format(format, accept);
        List<EvaluationResponse> responses = new ArrayList<>();
        for (DecisionRecord record : records.latestPerUnit(rulebook.year(), batch == null || batch.isBlank() ? null : batch.strip())) {
            responses.add(read(record));
        }
        if (responses.isEmpty()) {
            throw ProblemException.notFound("No records", "there is no decision record for " + rulebook.year()
                    + (batch == null ? "" : " in batch " + batch) + " to report on", batch == null ? "year" : "batch", batch == null ? year : batch);
        }
        CirculationReport report = CirculationReport.of(rulebook.year(), responses, Instant.now(), AssessmentTables.categoryNames(rulebook));
        String name = "通报-" + rulebook.year();
        return switch (kind) {
            case "csv" -> download((StreamingOutput) out -> ReportCsv.write(report, out), CSV + ";charset=UTF-8", name + ".csv");
            case "xlsx" -> download((StreamingOutput) out -> ReportXlsx.write(report, responses, rulebook, SelfScores.from(responses), out),
                    XLSX, name + ".xlsx");
            default -> Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
        };
    }

    private static Response download(StreamingOutput body, String type, String fileName) {
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(body, type)
                .header("Content-Disposition", "attachment; filename=\"report." + fileName.substring(fileName.lastIndexOf('.') + 1)
                        + "\"; filename*=UTF-8''" + encoded)
                .build();
    }

    private static String format(String format, String accept) {
        if (format != null && !format.isBlank()) {
            String f = format.strip().toLowerCase(Locale.ROOT);
            if (f.equals("json") || f.equals("csv") || f.equals("xlsx")) {
                return f;
            }
            throw ProblemException.badField("format", format, "format must be json, csv or xlsx, not '" + format + "'");
        }
        if (accept != null && accept.contains(XLSX)) {
            return "xlsx";
        }
        if (accept != null && accept.contains(CSV)) {
            return "csv";
        }
        return "json";
    }

    private EvaluationResponse read(DecisionRecord record) {
        try {
            return mapper.readValue(record.responseJson(), EvaluationResponse.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision record " + record.id() + " does not hold a response this service can read", e);
        }
    }
}
