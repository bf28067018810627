package cn.panzhihua.scoring.console;

import cn.panzhihua.scoring.audit.DecisionRecord;
import cn.panzhihua.scoring.audit.RecordStore;
import cn.panzhihua.scoring.campaign.CampaignAccess;
import cn.panzhihua.scoring.campaign.CampaignService;
import cn.panzhihua.scoring.campaign.CampaignViews;
import cn.panzhihua.scoring.campaign.Stage;
import cn.panzhihua.scoring.evaluation.EvaluationResponse;
import cn.panzhihua.scoring.problem.ProblemException;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import cn.panzhihua.scoring.security.RoleRequired;
import cn.panzhihua.scoring.security.Roles;
import com.fasterxml.jackson.core.JsonProcessingException;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A unit's page of the assessment year (issue 20): per item of its tables the self-score, the
 * 自评说明 and the evidence files, with the forms to revise them until the due date; its status
 * and deadline; its 考评表 once the 通报 is published; the objection form during the 公示 and the
 * decisions on its objections. A unit user sees its own unit only: any other unit is the console's
 * 404, in the very words of a unit that does not exist. The office and auditors read every unit.
 */
@Path("/console/campaigns/{year}/units/{unit}")
@Produces(MediaType.TEXT_HTML)
public class UnitYearPage {

    public record FileLine(String name, String type, String size, String sha256, String href, String uploadedAt) {
    }

    public record Version(int version, String selfScore, String explanation, String by, String at) {
    }

    public record ItemLine(String code, String name, String max, String selfScore, String explanation, String submittedAt,
                           List<Version> earlier, List<FileLine> files, String key, String fileKey) {
    }

    public record ObjectionLine(String subject, String reasons, String state, boolean open, String filedAt, String daysLeft,
                                String decision, List<FileLine> files) {
    }

    /**
     * @param mine       the person is this unit's own user: the forms are shown
     * @param sheet      the 考评表 of its evaluation of record, once published (always, for the office)
     * @param objectable the 公示 period runs: the objection form is shown
     */
    public record UnitSheet(int year, String unit, String category, String stage, String today, String due, String reopenedUntil,
                            String reopenReason, boolean submissionOpen, String status, String daysToDue, boolean mine,
                            List<ItemLine> items, RecordSheet sheet, String total, boolean objectable, String periodFrom,
                            String periodTo, List<ObjectionLine> objections, String objectionKey, String base, String notice) {
    }

    @Inject
    ConsoleAccess access;

    @Inject
    CampaignAccess campaignAccess;

    @Inject
    CampaignService campaigns;

    @Inject
    RecordStore records;

    @Inject
    Rulebooks rulebooks;

    @Inject
    ObjectMapper mapper;

    @GET
    @Operation(hidden = true)
    public TemplateInstance page(@PathParam("year") String year, @PathParam("unit") String unit, @QueryParam("done") String done) {
        return page(year, unit, YearWords.done(done), null);
    }

    private TemplateInstance page(String yearText, String unit, String done, String error) {
        int year = allowed(yearText, unit);
        CampaignViews.UnitPageView view;
        try {
            view = campaigns.unit(String.valueOf(year), unit, campaignAccess.seesEveryUnit());
        } catch (ProblemException e) {
            throw notFound(year, e);
        }
        boolean mine = campaignAccess.boundUnit().map(unit::equals).orElse(false);
        String base = UUID.randomUUID().toString();
        List<ItemLine> items = view.items().stream().map(i -> item(i, base)).toList();
        int submitted = (int) view.items().stream().filter(i -> i.current() != null).count();
        String status = submitted == view.items().size() ? "已提交全部 " + submitted + " 项" : "已提交 " + submitted + " 项，尚有 " + (view.items().size() - submitted) + " 项未提交";
        status += view.submissionOpen() ? "；截止前可随时修改" : "；已截止，自评已锁定";
        long toDue = ChronoUnit.DAYS.between(view.today(), view.reopenedUntil() != null && view.reopenedUntil().isAfter(view.selfAssessmentDue())
                ? view.reopenedUntil() : view.selfAssessmentDue());
        RecordSheet sheet = null;
        String total = null;
        if (view.evaluation() != null) {
            DecisionRecord record = records.find(view.evaluation().recordId()).orElse(null);
            if (record != null) {
                sheet = RecordSheet.of(record, response(record), rulebooks.forYear(year).orElse(null), RecordSheet.chainOf(records, record));
                total = Numbers.signed(view.evaluation().totalContribution());
            }
        }
        String from = "";
        String to = "";
        boolean objectable = false;
        if (view.stage() == Stage.PUBLISHED) {
            CampaignViews.NoticeView notice = campaigns.notice(String.valueOf(year));
            from = String.valueOf(notice.publicationFrom());
            to = String.valueOf(notice.publicationTo());
            objectable = !view.today().isBefore(notice.publicationFrom()) && !view.today().isAfter(notice.publicationTo());
        }
        List<ObjectionLine> objections = view.objections().stream().map(o -> new ObjectionLine(o.subject(), o.reasons(),
                YearWords.objection(o.status()), "OPEN".equals(o.status()), YearWords.time(o.filedAt()), o.daysLeft() == null ? "" : o.daysLeft() + " 天",
                "OPEN".equals(o.status()) ? "" : YearWords.time(o.decidedAt()) + " 决定" + (o.decisionReason() == null || o.decisionReason().isBlank()
                        ? "" : "：" + o.decisionReason()) + ("UPHELD".equals(o.status()) ? "（已据此重新评分，考评表与通报已更新）" : ""),
                files(o.files()))).toList();
        String encoded = "/console/campaigns/" + year + "/units/" + RecordSheet.encode(unit);
        UnitSheet page = new UnitSheet(year, unit, CampaignPages.categoryName(rulebooks, year, view.category()), YearWords.stage(view.stage()), String.valueOf(view.today()),
                String.valueOf(view.selfAssessmentDue()), view.reopenedUntil() == null ? null : String.valueOf(view.reopenedUntil()),
                view.reopenReason(), view.submissionOpen(), status, view.submissionOpen() ? (toDue <= 0 ? "今天截止" : "还有 " + toDue + " 天") : "",
                mine, items, sheet, total, objectable && mine, from, to, objections, base + "-objection", encoded,
                view.stage().compareTo(Stage.PUBLISHED) >= 0 ? "/console/public/campaigns/" + year : null);
        return Views.unitYear(access.chrome(unit + " " + year + " 年度考核", "campaigns"), page, done, error);
    }

    private ItemLine item(CampaignViews.SelfItemView i, String base) {
        CampaignViews.SelfScoreView c = i.current();
        List<Version> earlier = new ArrayList<>();
        for (CampaignViews.SelfScoreView v : i.versions()) {
            if (c == null || v.version() != c.version()) {
                earlier.add(new Version(v.version(), Numbers.plain(v.selfScore()), v.explanation(), v.submittedBy(), YearWords.time(v.submittedAt())));
            }
        }
        return new ItemLine(i.code(), i.name(), Numbers.plain(i.max()), c == null ? "" : Numbers.plain(c.selfScore()),
                c == null ? "" : c.explanation(), c == null ? "" : "第 " + c.version() + " 版，" + c.submittedBy() + " 于 " + YearWords.time(c.submittedAt()),
                earlier, files(i.files()), base + "-" + i.code(), base + "-file-" + i.code());
    }

    private static List<FileLine> files(List<CampaignViews.FileView> files) {
        return files == null ? List.of() : files.stream().map(f -> new FileLine(f.name(), YearWords.type(f.mediaType()), YearWords.size(f.size()),
                f.sha256(), f.download(), YearWords.time(f.uploadedAt()))).toList();
    }

    // ------------------------------------------------------------------ the unit's forms

    @POST
    @Path("items/{item}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Object selfAssess(@PathParam("year") String year, @PathParam("unit") String unit, @PathParam("item") String item,
                             @FormParam("selfScore") String selfScore, @FormParam("explanation") String explanation, @FormParam("key") String key,
                             @FormParam(FormToken.FIELD) String formToken) {
        return step(year, unit, formToken, "saved", () -> campaigns.selfAssess(year, unit, item,
                new CampaignViews.SelfAssessmentRequest(number(selfScore), explanation), campaignAccess.who(), CampaignPages.key(key)));
    }

    @POST
    @Path("items/{item}/files")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(hidden = true)
    public Object upload(@PathParam("year") String year, @PathParam("unit") String unit, @PathParam("item") String item,
                         @RestForm("file") FileUpload file, @RestForm("key") String key, @RestForm(FormToken.FIELD) String formToken) {
        return step(year, unit, formToken, "uploaded", () -> stored(year, unit, "SELF", item, file, key));
    }

    @POST
    @Path("objections")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(hidden = true)
    public Object object(@PathParam("year") String year, @PathParam("unit") String unit, @RestForm("subject") String subject,
                         @RestForm("reasons") String reasons, @RestForm("file") FileUpload file, @RestForm("key") String key, @RestForm(FormToken.FIELD) String formToken) {
        return step(year, unit, formToken, "objected", () -> {
            CampaignViews.ObjectionView filed = read(campaigns.object(year, unit, new CampaignViews.ObjectionRequest(subject, reasons),
                    campaignAccess.who(), CampaignPages.key(key)).body());
            if (file != null && file.fileName() != null && !file.fileName().isBlank()) {
                stored(year, unit, "OBJECTION", filed.id(), file, key == null ? null : key + "-file");
            }
            return filed;
        });
    }

    /** Streams a posted file (held on disk by the HTTP layer, never in memory) into the year's evidence store. */
    private Object stored(String year, String unit, String purpose, String subject, FileUpload file, String key) {
        if (file == null || file.uploadedFile() == null || file.fileName() == null || file.fileName().isBlank()) {
            throw ProblemException.badField("file", null, "choose a file to upload");
        }
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            return campaigns.upload(year, unit, purpose, subject, file.fileName(), file.size(), in, campaignAccess.who(), CampaignPages.key(key));
        } catch (IOException e) {
            throw new IllegalStateException("the uploaded file could not be read back from " + file.uploadedFile(), e);
        }
    }

    /** The unit's own user only: after the step back to the page saying so; refused, the page with the refusal in Chinese. */
    private Object step(String yearText, String unit, String formToken, String done, Supplier<?> work) {
        access.require(Roles.UNIT);
        int year = allowed(yearText, unit);
        access.checkForm(formToken);
        try {
            work.get();
        } catch (ProblemException e) {
            if (e.status() == 404 && "unit".equals(e.toProblem(null).field())) {
                throw notFound(year, e);
            }
            return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(page(String.valueOf(year), unit, null, YearWords.refusal(e) + CampaignPages.detail(e))).build();
        }
        return Response.seeOther(URI.create("/console/campaigns/" + year + "/units/" + RecordSheet.encode(unit) + "?done=" + done)).build();
    }

    /**
     * The year, once the person may see the unit: the office and auditors any unit, a unit user its own
     * (another is the same 404 as a unit that does not exist), anyone else 403.
     */
    private int allowed(String yearText, String unit) {
        access.require(Roles.UNIT, Roles.EVALUATOR, Roles.AUDITOR);
        int year = CampaignPages.year(yearText);
        try {
            campaignAccess.requireUnit(year, unit);
        } catch (ProblemException e) {
            throw notFound(year, e);
        } catch (RoleRequired e) {
            throw new PageException(403, "没有权限", "此账号未绑定单位，无法查看单位自评页面。请联系系统管理员。");
        }
        return year;
    }

    private static PageException notFound(int year, ProblemException e) {
        if ("unit".equals(e.toProblem(null).field())) {
            return new PageException(404, "没有此单位", year + " 年度考核中没有您可以查看的这个单位。请从“考核年度”页面进入本单位的页面。");
        }
        return new PageException(e.status(), YearWords.refusal(e), YearWords.refusal(e) + CampaignPages.detail(e));
    }

    private static BigDecimal number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badField("selfScore", text, "selfScore is a number, not '" + text + "'");
        }
    }

    private CampaignViews.ObjectionView read(String json) {
        try {
            return mapper.readValue(json, CampaignViews.ObjectionView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the objection's answer cannot be read", e);
        }
    }

    private EvaluationResponse response(DecisionRecord record) {
        try {
            return mapper.readValue(record.responseJson(), EvaluationResponse.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision record " + record.id() + " does not hold a response this service can read", e);
        }
    }
}
