package cn.panzhihua.scoring.campaign;

import cn.panzhihua.scoring.audit.DecisionRecord;
import cn.panzhihua.scoring.audit.RecordDraft;
import cn.panzhihua.scoring.audit.RecordStore;
import cn.panzhihua.scoring.evaluation.EvaluationResponse;
import cn.panzhihua.scoring.evaluation.EvaluationService;
import cn.panzhihua.scoring.facts.Assessment;
import cn.panzhihua.scoring.facts.Item;
import cn.panzhihua.scoring.problem.ProblemException;
import cn.panzhihua.scoring.report.CirculationReport;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import cn.panzhihua.scoring.rulebook.UnitRow;
import cn.panzhihua.scoring.rulebook.YearParam;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The steps of an assessment year (攀办函〔2016〕104号): open, self-assessment with evidence, the office's
 * facts and evaluation of record, publication (公示), objections and their decisions, confirmation and
 * hand-over. Each step checks what it may do from the committed state first (for a clear answer), then
 * again inside the transaction that records it, where the year's row is locked, so two requests that
 * race cannot both win.
 */
@ApplicationScoped
public class CampaignService {

    static final String OPEN = "OPEN";
    static final String UPHELD = "UPHELD";
    static final String REJECTED = "REJECTED";
    static final int TEXT_MAX = 2000;

    @Inject
    Rulebooks rulebooks;

    @Inject
    CampaignStore store;

    @Inject
    CampaignEvents events;

    @Inject
    CampaignClock clock;

    @Inject
    EvaluationService evaluations;

    @Inject
    RecordStore records;

    @Inject
    EvidenceFiles files;

    @Inject
    ObjectMapper mapper;

    @Inject
    jakarta.enterprise.inject.Instance<YearInformation> kept;

    // ------------------------------------------------------------------ open

    public CampaignEvents.Done open(String yearText, CampaignViews.OpenRequest body, String who, String key) {
        Rulebook rulebook = YearParam.rulebook(rulebooks, "year", yearText);
        int year = rulebook.year();
        if (body == null) {
            throw ProblemException.badField("selfAssessmentDue", null, "the body is required: {selfAssessmentDue, publicationFrom, publicationTo}");
        }
        LocalDate due = date("selfAssessmentDue", body.selfAssessmentDue());
        LocalDate from = date("publicationFrom", body.publicationFrom());
        LocalDate to = date("publicationTo", body.publicationTo());
        if (!from.isAfter(due)) {
            throw ProblemException.badField("publicationFrom", body.publicationFrom(), "the publication starts after the self-assessment is due ("
                    + due + "), not on " + from);
        }
        if (to.isBefore(from)) {
            throw ProblemException.badField("publicationTo", body.publicationTo(), "the publication ends on or after it starts (" + from + "), not on " + to);
        }
        if (events.earlier(key, who).isPresent()) {
            return events.earlier(key, who).get();
        }
        if (store.year(year).isPresent()) {
            throw conflict("Year already open", "the assessment year " + year + " is already open", "year", year);
        }
        List<String> units = rulebook.units().keySet().stream().sorted().toList();
        return events.write(key, who, 200, new CampaignEvents.Step("open", year, null,
                Map.of("selfAssessmentDue", due.toString(), "publicationFrom", from.toString(), "publicationTo", to.toString(),
                        "units", units.size(), "rulebookVersion", rulebook.version()), List.of(), "campaign " + year + " opened",
                (c, eventId, checkpoint) -> {
                    if (CampaignStore.year(c, year, true).isPresent()) {
                        throw conflict("Year already open", "the assessment year " + year + " is already open", "year", year);
                    }
                    CampaignStore.insertYear(c, year, due, from, to, who, clock.now());
                    for (String unit : units) {
                        CampaignStore.insertUnit(c, year, unit);
                    }
                    return new CampaignViews.StepView(year, "open", Stage.OPEN, null, eventId, checkpoint == null ? null : checkpoint.number(),
                            "opened for " + units.size() + " units: self-assessment due " + due + ", publication " + from + " to " + to, null);
                }));
    }

    // ------------------------------------------------------------------ reads

    public CampaignViews.YearView year(String yearText) {
        Rulebook rulebook = YearParam.rulebook(rulebooks, "year", yearText);
        CampaignRows.Year year = requireYear(rulebook.year());
        LocalDate today = clock.today();
        Map<String, List<CampaignRows.SelfScore>> scores = store.selfScores(year.year(), null).stream()
                .collect(Collectors.groupingBy(CampaignRows.SelfScore::unit));
        List<CampaignRows.Objection> objections = store.objections(year.year(), null);
        Map<String, Long> open = objections.stream().filter(o -> o.status().equals(OPEN))
                .collect(Collectors.groupingBy(CampaignRows.Objection::unit, Collectors.counting()));
        Map<String, BigDecimal> totals = totals(year);
        List<CampaignViews.UnitStatus> statuses = new ArrayList<>();
        int submitted = 0;
        int late = 0;
        int scored = 0;
        for (CampaignRows.Unit u : store.units(year.year())) {
            UnitRow row = rulebook.unit(u.unit()).orElse(null);
            List<Item> expected = row == null ? List.of() : items(rulebook, row);
            List<CampaignRows.SelfScore> mine = scores.getOrDefault(u.unit(), List.of());
            Set<String> done = mine.stream().map(CampaignRows.SelfScore::item).collect(Collectors.toSet());
            int itemsSubmitted = (int) expected.stream().filter(i -> done.contains(i.code())).count();
            boolean complete = itemsSubmitted == expected.size();
            boolean isLate = !complete && today.isAfter(year.selfDue()) && (u.reopenedUntil() == null || today.isAfter(u.reopenedUntil()));
            submitted += complete ? 1 : 0;
            late += isLate ? 1 : 0;
            scored += u.recordId() == null ? 0 : 1;
            statuses.add(new CampaignViews.UnitStatus(u.unit(), row == null ? null : row.category(), expected.size(), itemsSubmitted,
                    mine.stream().map(CampaignRows.SelfScore::submittedAt).max(Comparator.naturalOrder()).orElse(null), isLate,
                    u.reopenedUntil(), u.factsJson() != null, u.recordId(), totals.get(u.unit()), open.getOrDefault(u.unit(), 0L).intValue()));
        }
        List<CampaignViews.ObjectionView> objectionViews = objections.stream().map(o -> objectionView(year, o, List.of())).toList();
        return new CampaignViews.YearView(year.year(), year.stage(), today, year.selfDue(), year.publishFrom(), year.publishTo(),
                year.openedBy(), year.openedAt(), year.scoringBatch(), year.scoredAt(), year.publishedAt(), year.publishedCheckpoint(),
                year.confirmedAt(), year.confirmedCheckpoint(), year.handoverSha256(), statuses.size(), submitted, late, scored,
                objectionViews, nextAction(year, today, statuses, objections), statuses);
    }

    private static String nextAction(CampaignRows.Year year, LocalDate today, List<CampaignViews.UnitStatus> units,
                                     List<CampaignRows.Objection> objections) {
        long open = objections.stream().filter(o -> o.status().equals(OPEN)).count();
        long withoutFacts = units.stream().filter(u -> !u.factsRecorded()).count();
        return switch (year.stage()) {
            case OPEN -> !today.isAfter(year.selfDue()) ? "单位自评进行中，截止 " + year.selfDue() + "；可录入各单位考核事实"
                    : withoutFacts > 0 ? "录入考核事实：尚有 " + withoutFacts + " 个单位未录入" : "实施考核评分（evaluate）";
            case SCORED -> "核对考核结果后发布通报并公示（publish）";
            case PUBLISHED -> open > 0 ? "处理异议：尚有 " + open + " 件未决定"
                    : !today.isAfter(year.publishTo()) ? "公示中，至 " + year.publishTo() + " 止" : "确认考核结果（confirm）";
            case CONFIRMED -> "报市目标督查办（handover）";
            case HANDED_OVER -> "已报市目标督查办";
        };
    }

    private Map<String, BigDecimal> totals(CampaignRows.Year year) {
        Map<String, BigDecimal> totals = new HashMap<>();
        if (year.noticeJson() == null) {
            return totals;
        }
        for (JsonNode row : tree(year.noticeJson()).path("report").path("rows")) {
            totals.put(row.path("unit").asText(), row.path("totalContribution").decimalValue());
        }
        return totals;
    }

    public CampaignViews.UnitPageView unit(String yearText, String unit, boolean office) {
        Rulebook rulebook = YearParam.rulebook(rulebooks, "year", yearText);
        CampaignRows.Year year = requireYear(rulebook.year());
        CampaignRows.Unit state = requireUnit(year.year(), unit);
        UnitRow row = rulebook.unit(unit).orElseThrow(() -> CampaignAccess.noSuchUnit(year.year(), unit));
        LocalDate today = clock.today();
        List<CampaignRows.SelfScore> scores = store.selfScores(year.year(), unit);
        List<CampaignRows.File> allFiles = store.files(year.year(), unit);
        List<CampaignViews.SelfItemView> items = new ArrayList<>();
        for (Item item : items(rulebook, row)) {
            List<CampaignViews.SelfScoreView> versions = scores.stream().filter(s -> s.item().equals(item.code()))
                    .map(s -> new CampaignViews.SelfScoreView(s.version(), s.selfScore(), s.explanation(), s.submittedBy(), s.submittedAt()))
                    .toList();
            items.add(new CampaignViews.SelfItemView(item.code(), item.name(), item.max(), versions.isEmpty() ? null : versions.get(versions.size() - 1),
                    versions, allFiles.stream().filter(f -> f.purpose().equals("SELF") && f.subject().equals(item.code()))
                    .map(f -> fileView(year.year(), f)).toList()));
        }
        // the unit sees its evaluation once published; the office and auditors always
        boolean shown = office || year.stage().compareTo(Stage.PUBLISHED) >= 0;
        CampaignViews.EvaluationView evaluation = shown && state.recordId() != null ? evaluation(state.recordId()) : null;
        List<CampaignViews.ObjectionView> objections = store.objections(year.year(), unit).stream()
                .map(o -> objectionView(year, o, allFiles)).toList();
        List<CampaignViews.FileView> officeFiles = office ? allFiles.stream().filter(f -> f.purpose().equals("FINDING"))
                .map(f -> fileView(year.year(), f)).toList() : null;
        return new CampaignViews.UnitPageView(year.year(), unit, row.category(), year.stage(), today, year.selfDue(), state.reopenedUntil(),
                state.reopenReason(), submissionOpen(year, state, today), items, officeFiles, evaluation, objections);
    }

    public CampaignViews.EvaluationView evaluationOf(String yearText, String unit, boolean office) {
        Rulebook rulebook = YearParam.rulebook(rulebooks, "year", yearText);
        CampaignRows.Year year = requireYear(rulebook.year());
        CampaignRows.Unit state = requireUnit(year.year(), unit);
        if (!office && year.stage().compareTo(Stage.PUBLISHED) < 0) {
            throw conflict("Not published", "the result of " + unit + " is shown to the unit once the 通报 of " + year.year()
                    + " is published; the year is " + year.stage(), "stage", year.stage().name());
        }
        if (state.recordId() == null) {
            throw conflict("Not evaluated", unit + " has no evaluation of record in " + year.year() + " yet", "unit", unit);
        }
        return evaluation(state.recordId());
    }

    private CampaignViews.EvaluationView evaluation(String recordId) {
        DecisionRecord record = records.find(recordId).orElseThrow(() -> new IllegalStateException("record " + recordId + " is missing"));
        JsonNode response = tree(record.responseJson());
        return new CampaignViews.EvaluationView(record.id(), record.batchId(), record.recordedAt(), response.path("totalContribution").decimalValue(),
                tree(record.requestJson()), response);
    }

    public CampaignViews.NoticeView notice(String yearText) {
        int yearNumber = YearParam.year("year", yearText);
        CampaignRows.Year year = store.year(yearNumber).filter(y -> y.stage().compareTo(Stage.PUBLISHED) >= 0)
                .orElseThrow(() -> ProblemException.notFound("Not published", "no 通报 of " + yearNumber + " has been published", "year", yearText));
        JsonNode notice = tree(year.noticeJson());
        return new CampaignViews.NoticeView(year.year(), year.stage(), year.publishFrom(), year.publishTo(), year.publishedAt(),
                notice.path("report").path("checkpoint").path("number").isMissingNode() ? year.publishedCheckpoint()
                        : notice.path("report").path("checkpoint").path("number").asLong(), notice.path("report"), notice.path("changes"));
    }

    public List<CampaignViews.EventView> events(String yearText) {
        int year = requireYear(YearParam.year("year", yearText)).year();
        return store.events(year).stream().map(e -> new CampaignViews.EventView((Long) e[0], (String) e[1], (java.time.Instant) e[2],
                (String) e[3], (String) e[4], (String) e[6], tree((String) e[5]))).toList();
    }

    public JsonNode handover(String yearText) {
        CampaignRows.Year year = requireYear(YearParam.year("year", yearText));
        if (year.handoverJson() == null) {
            throw conflict("Not handed over", "the assessment year " + year.year() + " has not been handed over to the 市目标督查办: it is "
                    + year.stage() + (year.stage().compareTo(Stage.CONFIRMED) < 0 ? " (not confirmed yet)" : ""), "stage", year.stage().name());
        }
        return tree(year.handoverJson());
    }

    public FileDownload download(String yearText, String id, CampaignAccess access) {
        int year = YearParam.year("year", yearText);
        CampaignRows.File file = store.file(year, id).orElseThrow(() -> noSuchFile(id));
        if (access.boundUnit().map(u -> !u.equals(file.unit())).orElse(false)) {
            throw noSuchFile(id); // another unit's file is one that does not exist
        }
        return new FileDownload(file.originalName(), file.mediaType(), file.size(), file.sha256(), files.blob(file.sha256()));
    }

    public record FileDownload(String name, String mediaType, long size, String sha256, java.nio.file.Path path) {
    }

    private static ProblemException noSuchFile(String id) {
        return ProblemException.notFound("No such file", "no evidence file '" + id + "' that you may see", "id", id);
    }

    // ------------------------------------------------------------------ self-assessment

    public CampaignEvents.Done selfAssess(String yearText, String unit, String itemCode, CampaignViews.SelfAssessmentRequest body,
                                          String who, String key) {
        Rulebook rulebook = YearParam.rulebook(rulebooks, "year", yearText);
        CampaignRows.Year year = requireYear(rulebook.year());
        requireUnit(year.year(), unit);
        Item item = item(rulebook, unit, itemCode);
        if (body == null || body.selfScore() == null) {
            throw ProblemException.badField("selfScore", null, "selfScore is required: the unit's own score of " + item.code()
                    + " " + item.name() + ", between 0 and " + item.max());
        }
        if (body.selfScore().signum() < 0 || body.selfScore().compareTo(item.max()) > 0 || body.selfScore().scale() > 4) {
            throw ProblemException.badField("selfScore", body.selfScore(), "selfScore of " + item.code() + " " + item.name()
                    + " is between 0 and its 分值 " + item.max() + " (at most 4 decimals), not " + body.selfScore().toPlainString());
        }
        String explanation = text("explanation", body.explanation(), "自评说明 (explanation) is required: what the unit did for "
                + item.code() + " " + item.name());
        events.earlier(key, who);
        requireSubmissionOpen(year, store.unit(year.year(), unit).orElseThrow(), clock.today());
        return events.write(key, who, 200, new CampaignEvents.Step("self-assessment", year.year(), unit,
                Map.of("item", item.code(), "selfScore", body.selfScore(), "explanationSha256", sha256(explanation)), List.of(), null,
                (c, eventId, checkpoint) -> {
                    CampaignRows.Year locked = lockYear(c, year.year());
                    requireSubmissionOpen(locked, CampaignStore.units(c, year.year(), unit).get(0), clock.today());
                    int version = CampaignStore.nextSelfScoreVersion(c, year.year(), unit, item.code());
                    CampaignRows.SelfScore s = new CampaignRows.SelfScore(unit, item.code(), version, body.selfScore(), explanation, who,
                            clock.now(), eventId);
                    CampaignStore.insertSelfScore(c, year.year(), s);
                    return new CampaignViews.StepView(year.year(), "self-assessment", locked.stage(), unit, eventId, null,
                            item.code() + " version " + version, new CampaignViews.SelfScoreView(version, s.selfScore(), explanation, who, s.submittedAt()));
                }));
    }

    /** Stores an evidence file of a unit's item (SELF), of the office's facts (FINDING) or of an objection (OBJECTION). */
    public CampaignEvents.Done upload(String yearText, String unit, String purpose, String subject, String name, Long declared,
                                      InputStream body, String who, String key) {
        Rulebook rulebook = YearParam.rulebook(rulebooks, "year", yearText);
        CampaignRows.Year year = requireYear(rulebook.year());
        CampaignRows.Unit state = requireUnit(year.year(), unit);
        LocalDate today = clock.today();
        switch (purpose) {
            case "SELF" -> {
                item(rulebook, unit, subject);
                requireSubmissionOpen(year, state, today);
            }
            case "FINDING" -> requireBeforePublication(year);
            case "OBJECTION" -> {
                CampaignRows.Objection o = store.objection(year.year(), subject).filter(x -> x.unit().equals(unit))
                        .orElseThrow(() -> ProblemException.notFound("No such objection", "no objection '" + subject + "' that you may see", "id", subject));
                if (!o.status().equals(OPEN)) {
                    throw conflict("Objection decided", "objection " + o.id() + " is " + o.status() + "; evidence is added while it is open", "id", o.id());
                }
            }
            default -> throw new IllegalArgumentException(purpose);
        }
        if (events.earlier(key, who).isPresent()) {
            return events.earlier(key, who).get();
        }
        long used = store.unitBytes(year.year(), unit);
        files.checkDeclared(declared, used);
        EvidenceFiles.Stored stored = files.store(body, used);
        String safe = EvidenceFiles.safeName(name, stored.mediaType());
        String id = UUID.randomUUID().toString();
        return events.write(key, who, 200, new CampaignEvents.Step("file", year.year(), unit,
                Map.of("purpose", purpose, "subject", subject, "file", id, "name", safe, "mediaType", stored.mediaType(),
                        "size", stored.size(), "sha256", stored.sha256()), List.of(), null,
                (c, eventId, checkpoint) -> {
                    CampaignRows.Year locked = lockYear(c, year.year());
                    if (purpose.equals("SELF")) {
                        requireSubmissionOpen(locked, CampaignStore.units(c, year.year(), unit).get(0), clock.today());
                    }
                    if (CampaignStore.unitBytes(c, year.year(), unit) + stored.size() > files.maxUnit()) {
                        throw ProblemException.tooLarge("file", stored.size(), "a unit may store at most " + files.maxUnit()
                                + " bytes in a year (campaign.files.max-unit-total)");
                    }
                    CampaignRows.File f = new CampaignRows.File(id, unit, purpose, subject, safe, stored.mediaType(), stored.size(),
                            stored.sha256(), who, clock.now(), eventId);
                    CampaignStore.insertFile(c, year.year(), f);
                    return fileView(year.year(), f);
                }));
    }

    public CampaignEvents.Done reopen(String yearText, String unit, CampaignViews.ReopenRequest body, String who, String key) {
        Rulebook rulebook = YearParam.rulebook(rulebooks, "year", yearText);
        CampaignRows.Year year = requireYear(rulebook.year());
        requireUnit(year.year(), unit);
        String reason = text("reason", body == null ? null : body.reason(), "a reopening needs a written reason");
        LocalDate until = date("until", body.until());
        if (until.isBefore(clock.today())) {
            throw ProblemException.badField("until", body.until(), "until is today (" + clock.today() + ") or later, not " + until);
        }
        requireBeforeScoringEnds(year);
        return events.write(key, who, 200, new CampaignEvents.Step("reopen", year.year(), unit,
                Map.of("until", until.toString(), "reason", reason), List.of(), null,
                (c, eventId, checkpoint) -> {
                    CampaignRows.Year locked = lockYear(c, year.year());
                    requireBeforeScoringEnds(locked);
                    CampaignStore.update(c, "UPDATE campaign_unit SET reopened_until = ?, reopen_reason = ? WHERE campaign_year = ? AND unit = ?",
                            java.sql.Date.valueOf(until), reason, year.year(), unit);
                    return new CampaignViews.StepView(year.year(), "reopen", locked.stage(), unit, eventId, null,
                            unit + " may submit again until " + until, null);
                }));
    }

    // ------------------------------------------------------------------ scoring

    public CampaignEvents.Done facts(String yearText, String unit, JsonNode body, String who, String key) {
        Rulebook rulebook = YearParam.rulebook(rulebooks, "year", yearText);
        CampaignRows.Year year = requireYear(rulebook.year());
        requireUnit(year.year(), unit);
        requireBeforePublication(year);
        ObjectNode facts = facts(body);
        // a dry run: facts the rulebook would reject are refused now, naming the field, not at scoring
        evaluations.answer(request(year.year(), unit, facts, Map.of()), false, null, who);
        String factsJson = events.json(facts);
        return events.write(key, who, 200, new CampaignEvents.Step("facts", year.year(), unit,
                Map.of("factsSha256", sha256(factsJson), "findings", facts.path("findings").size()), List.of(), null,
                (c, eventId, checkpoint) -> {
                    CampaignRows.Year locked = lockYear(c, year.year());
                    requireBeforePublication(locked);
                    CampaignStore.update(c, "UPDATE campaign_unit SET facts_json = ?, facts_version = facts_version + 1 WHERE campaign_year = ? AND unit = ?",
                            factsJson, year.year(), unit);
                    return new CampaignViews.StepView(year.year(), "facts", locked.stage(), unit, eventId, null,
                            "facts of " + unit + " recorded", facts);
                }));
    }

    /** Evaluates every unit from the office's facts and the unit's self-scores: one recorded batch, the evaluations of record. */
    public CampaignEvents.Done evaluate(String yearText, String who, String key) {
        Rulebook rulebook = YearParam.rulebook(rulebooks, "year", yearText);
        CampaignRows.Year year = requireYear(rulebook.year());
        if (events.earlier(key, who).isPresent()) {
            return events.earlier(key, who).get();
        }
        requireBeforePublication(year);
        if (!clock.today().isAfter(year.selfDue())) {
            throw conflict("Self-assessment still open", "units may submit until " + year.selfDue() + "; the year is evaluated after that",
                    "selfAssessmentDue", year.selfDue().toString());
        }
        List<CampaignRows.Unit> units = store.units(year.year());
        // with the adoption ledger kept for the year, a unit's information comes from it: a unit without findings needs no facts
        boolean ledger = keptInformation(year.year(), units.isEmpty() ? null : units.get(0).unit()).isPresent();
        List<String> missing = ledger ? List.of() : units.stream().filter(u -> u.factsJson() == null).map(CampaignRows.Unit::unit).toList();
        if (!missing.isEmpty()) {
            throw new ProblemException(409, "Facts missing", missing.size() + " units have no facts recorded yet: "
                    + String.join("、", missing.subList(0, Math.min(10, missing.size()))) + (missing.size() > 10 ? " …" : ""),
                    "unit", missing.get(0), null, Map.of("units", missing));
        }
        Map<String, Map<String, BigDecimal>> selfScores = currentSelfScores(year.year());
        String batchId = UUID.randomUUID().toString();
        List<RecordDraft> drafts = new ArrayList<>();
        Map<String, String> recordIds = new TreeMap<>();
        Map<String, Integer> factsVersions = new HashMap<>();
        for (CampaignRows.Unit u : units) {
            ObjectNode facts = u.factsJson() == null ? mapper.createObjectNode() : (ObjectNode) tree(u.factsJson());
            String request = request(year.year(), u.unit(), facts, selfScores.getOrDefault(u.unit(), Map.of()));
            EvaluationService.Answer answer = evaluations.answer(request, true, batchId, who);
            drafts.add(answer.draft());
            recordIds.put(u.unit(), answer.draft().id());
            factsVersions.put(u.unit(), u.factsVersion());
        }
        return events.write(key, who, 200, new CampaignEvents.Step("evaluate", year.year(), null,
                Map.of("batchId", batchId, "records", recordIds), drafts, "campaign " + year.year() + " scoring batch " + batchId,
                (c, eventId, checkpoint) -> {
                    CampaignRows.Year locked = lockYear(c, year.year());
                    requireBeforePublication(locked);
                    for (CampaignRows.Unit now : CampaignStore.units(c, year.year(), null)) {
                        if (!Integer.valueOf(now.factsVersion()).equals(factsVersions.get(now.unit()))) {
                            throw conflict("Facts changed", "the facts of " + now.unit() + " changed while the year was evaluated; evaluate again",
                                    "unit", now.unit());
                        }
                    }
                    for (Map.Entry<String, String> e : recordIds.entrySet()) {
                        CampaignStore.update(c, "UPDATE campaign_unit SET record_id = ? WHERE campaign_year = ? AND unit = ?", e.getValue(),
                                year.year(), e.getKey());
                    }
                    CampaignStore.update(c, "UPDATE campaign SET stage = ?, scoring_batch = ?, scored_at = ? WHERE campaign_year = ?",
                            Stage.SCORED.name(), batchId, CampaignStore.ts(clock.now()), year.year());
                    return new CampaignViews.StepView(year.year(), "evaluate", Stage.SCORED, null, eventId, checkpoint.number(),
                            recordIds.size() + " units evaluated in one recorded batch", Map.of("batchId", batchId, "records", recordIds));
                }));
    }

    // ------------------------------------------------------------------ publication

    public CampaignEvents.Done publish(String yearText, String who, String key) {
        Rulebook rulebook = YearParam.rulebook(rulebooks, "year", yearText);
        CampaignRows.Year year = requireYear(rulebook.year());
        if (events.earlier(key, who).isPresent()) {
            return events.earlier(key, who).get();
        }
        if (year.stage() != Stage.SCORED) {
            throw conflict("Cannot publish", "the assessment year " + year.year() + " is " + year.stage() + "; it is published once evaluated (SCORED)",
                    "stage", year.stage().name());
        }
        if (clock.today().isAfter(year.publishTo())) {
            throw conflict("Publication period over", "the publication period ended on " + year.publishTo(), "publicationTo", year.publishTo().toString());
        }
        Map<String, String> recordIds = recordIds(year.year());
        List<EvaluationResponse> responses = responses(recordIds.values());
        return events.write(key, who, 200, new CampaignEvents.Step("publish", year.year(), null,
                Map.of("publicationFrom", year.publishFrom().toString(), "publicationTo", year.publishTo().toString(), "records", recordIds),
                List.of(), "campaign " + year.year() + " published",
                (c, eventId, checkpoint) -> {
                    CampaignRows.Year locked = lockYear(c, year.year());
                    if (locked.stage() != Stage.SCORED || !recordIds.equals(recordIds(c, year.year()))) {
                        throw conflict("Cannot publish", "the year changed meanwhile (" + locked.stage() + "); look again", "stage", locked.stage().name());
                    }
                    CirculationReport report = CirculationReport.of(year.year(), responses, clock.now(), rulebook).builtOn(checkpoint);
                    ObjectNode notice = mapper.createObjectNode();
                    notice.set("report", mapper.valueToTree(report));
                    notice.set("changes", mapper.createArrayNode());
                    CampaignStore.update(c, "UPDATE campaign SET stage = ?, notice_json = ?, published_at = ?, published_checkpoint = ? WHERE campaign_year = ?",
                            Stage.PUBLISHED.name(), events.json(notice), CampaignStore.ts(clock.now()), checkpoint.number(), year.year());
                    return new CampaignViews.StepView(year.year(), "publish", Stage.PUBLISHED, null, eventId, checkpoint.number(),
                            "通报 published for " + year.publishFrom() + " to " + year.publishTo(), null);
                }));
    }

    // ------------------------------------------------------------------ objections

    public CampaignEvents.Done object(String yearText, String unit, CampaignViews.ObjectionRequest body, String who, String key) {
        Rulebook rulebook = YearParam.rulebook(rulebooks, "year", yearText);
        CampaignRows.Year year = requireYear(rulebook.year());
        requireUnit(year.year(), unit);
        String subject = body == null || body.subject() == null ? null : body.subject().strip();
        if (subject == null || (rulebook.clause(subject).isEmpty() && rulebook.items().stream().noneMatch(i -> i.code().equals(subject)))) {
            throw ProblemException.badField("subject", subject, "subject names the item (e.g. E-1) or clause (e.g. E-1, D-1.2) objected to; '"
                    + subject + "' is neither (GET /api/v1/rulebooks/" + year.year() + "/clauses)");
        }
        String reasons = text("reasons", body.reasons(), "an objection gives its reasons");
        if (events.earlier(key, who).isPresent()) {
            return events.earlier(key, who).get();
        }
        requireObjectionPeriod(year, clock.today());
        String id = UUID.randomUUID().toString();
        return events.write(key, who, 200, new CampaignEvents.Step("objection", year.year(), unit,
                Map.of("objection", id, "subject", subject, "reasonsSha256", sha256(reasons)), List.of(), null,
                (c, eventId, checkpoint) -> {
                    requireObjectionPeriod(lockYear(c, year.year()), clock.today());
                    CampaignRows.Objection o = new CampaignRows.Objection(id, unit, subject, reasons, OPEN, who, clock.now(), null, null,
                            null, null, null);
                    CampaignStore.insertObjection(c, year.year(), o);
                    return objectionView(year, o, List.of());
                }));
    }

    public CampaignEvents.Done decide(String yearText, String objectionId, CampaignViews.DecisionRequest body, String who, String key) {
        Rulebook rulebook = YearParam.rulebook(rulebooks, "year", yearText);
        CampaignRows.Year year = requireYear(rulebook.year());
        CampaignRows.Objection objection = store.objection(year.year(), objectionId)
                .orElseThrow(() -> ProblemException.notFound("No such objection", "no objection '" + objectionId + "' in " + year.year(), "id", objectionId));
        if (events.earlier(key, who).isPresent()) {
            return events.earlier(key, who).get();
        }
        String outcome = body == null || body.outcome() == null ? null : body.outcome().strip().toUpperCase(java.util.Locale.ROOT);
        if (!UPHELD.equals(outcome) && !REJECTED.equals(outcome)) {
            throw ProblemException.badField("outcome", body == null ? null : body.outcome(), "outcome is UPHELD or REJECTED");
        }
        String reason = REJECTED.equals(outcome) ? text("reason", body.reason(), "a rejected objection needs a written reason")
                : body.reason() == null ? "" : body.reason().strip();
        if (year.stage() != Stage.PUBLISHED) {
            throw conflict("Not under publication", "objections are decided while the year is PUBLISHED; it is " + year.stage(), "stage", year.stage().name());
        }
        requireUndecided(objection);
        RecordDraft corrected = null;
        ObjectNode facts = null;
        Map<String, String> recordIds = recordIds(year.year());
        List<EvaluationResponse> responses = new ArrayList<>();
        EvaluationResponse before = null;
        EvaluationResponse after = null;
        if (UPHELD.equals(outcome)) {
            facts = facts(body.facts());
            String request = request(year.year(), objection.unit(), facts, currentSelfScores(year.year()).getOrDefault(objection.unit(), Map.of()));
            EvaluationService.Answer answer = evaluations.answer(request, true, null, who);
            corrected = answer.draft();
            after = answer.response();
            for (EvaluationResponse r : responses(recordIds.values())) {
                if (r.unit().equals(objection.unit())) {
                    before = r;
                } else {
                    responses.add(r);
                }
            }
            responses.add(after);
        }
        RecordDraft correctedDraft = corrected;
        ObjectNode correctedFacts = facts;
        EvaluationResponse was = before;
        EvaluationResponse now = after;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("objection", objection.id());
        details.put("outcome", outcome);
        details.put("reason", reason);
        if (corrected != null) {
            details.put("previousRecord", recordIds.get(objection.unit()));
            details.put("correctedRecord", corrected.id());
        }
        return events.write(key, who, 200, new CampaignEvents.Step("decision", year.year(), objection.unit(), details,
                corrected == null ? List.of() : List.of(corrected),
                corrected == null ? null : "campaign " + year.year() + " objection " + objection.id() + " upheld",
                (c, eventId, checkpoint) -> {
                    CampaignRows.Year locked = lockYear(c, year.year());
                    if (locked.stage() != Stage.PUBLISHED) {
                        throw conflict("Not under publication", "objections are decided while the year is PUBLISHED; it is " + locked.stage(),
                                "stage", locked.stage().name());
                    }
                    int changed = CampaignStore.update(c, "UPDATE campaign_objection SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?,"
                                    + " corrected_record_id = ?, previous_record_id = ? WHERE id = ? AND status = ?", outcome, who,
                            CampaignStore.ts(clock.now()), reason, correctedDraft == null ? null : correctedDraft.id(),
                            correctedDraft == null ? null : recordIds.get(objection.unit()), objection.id(), OPEN);
                    if (changed == 0) {
                        requireUndecided(CampaignStore.objections(c, year.year(), null, objection.id()).get(0));
                    }
                    if (correctedDraft != null) {
                        if (!recordIds.equals(recordIds(c, year.year()))) {
                            throw conflict("Result changed", "another decision changed the 通报 meanwhile; decide again", "id", objection.id());
                        }
                        CampaignStore.update(c, "UPDATE campaign_unit SET record_id = ?, facts_json = ?, facts_version = facts_version + 1"
                                + " WHERE campaign_year = ? AND unit = ?", correctedDraft.id(), events.json(correctedFacts), year.year(), objection.unit());
                        ObjectNode notice = (ObjectNode) tree(locked.noticeJson());
                        CirculationReport report = CirculationReport.of(year.year(), responses, clock.now(), rulebook).builtOn(checkpoint);
                        notice.set("report", mapper.valueToTree(report));
                        ObjectNode change = ((ArrayNode) notice.get("changes")).addObject();
                        change.put("objection", objection.id());
                        change.put("unit", objection.unit());
                        change.put("subject", objection.subject());
                        change.put("previousRecord", recordIds.get(objection.unit()));
                        change.put("correctedRecord", correctedDraft.id());
                        change.put("before", was.totalContribution());
                        change.put("after", now.totalContribution());
                        change.put("decidedAt", clock.now().toString());
                        change.put("checkpoint", checkpoint.number());
                        CampaignStore.update(c, "UPDATE campaign SET notice_json = ? WHERE campaign_year = ?", events.json(notice), year.year());
                    }
                    CampaignRows.Objection decided = CampaignStore.objections(c, year.year(), null, objection.id()).get(0);
                    return objectionView(locked, decided, List.of());
                }));
    }

    // ------------------------------------------------------------------ confirmation and hand-over

    public CampaignEvents.Done confirm(String yearText, String who, String key) {
        CampaignRows.Year year = requireYear(YearParam.year("year", yearText));
        if (events.earlier(key, who).isPresent()) {
            return events.earlier(key, who).get();
        }
        requireConfirmable(year, store.objections(year.year(), null));
        return events.write(key, who, 200, new CampaignEvents.Step("confirm", year.year(), null, Map.of("records", recordIds(year.year())),
                List.of(), "campaign " + year.year() + " confirmed",
                (c, eventId, checkpoint) -> {
                    CampaignRows.Year locked = lockYear(c, year.year());
                    requireConfirmable(locked, CampaignStore.objections(c, year.year(), null, null));
                    CampaignStore.update(c, "UPDATE campaign SET stage = ?, confirmed_at = ?, confirmed_checkpoint = ? WHERE campaign_year = ?",
                            Stage.CONFIRMED.name(), CampaignStore.ts(clock.now()), checkpoint.number(), year.year());
                    return new CampaignViews.StepView(year.year(), "confirm", Stage.CONFIRMED, null, eventId, checkpoint.number(),
                            "the result of " + year.year() + " is confirmed and frozen", null);
                }));
    }

    public CampaignEvents.Done handOver(String yearText, String who, String key) {
        Rulebook rulebook = YearParam.rulebook(rulebooks, "year", yearText);
        CampaignRows.Year year = requireYear(rulebook.year());
        if (events.earlier(key, who).isPresent()) {
            return events.earlier(key, who).get();
        }
        if (year.stage() != Stage.CONFIRMED) {
            throw conflict("Not confirmed", "the assessment year " + year.year() + " is handed over once confirmed; it is " + year.stage(),
                    "stage", year.stage().name());
        }
        ObjectNode pack = handoverPackage(year, rulebook);
        String packJson = events.json(pack);
        String sha = sha256(packJson);
        return events.write(key, who, 200, new CampaignEvents.Step("handover", year.year(), null, Map.of("packageSha256", sha),
                List.of(), "campaign " + year.year() + " handed over",
                (c, eventId, checkpoint) -> {
                    CampaignRows.Year locked = lockYear(c, year.year());
                    if (locked.stage() != Stage.CONFIRMED) {
                        throw conflict("Not confirmed", "the year is " + locked.stage(), "stage", locked.stage().name());
                    }
                    CampaignStore.update(c, "UPDATE campaign SET stage = ?, handover_json = ?, handover_sha256 = ? WHERE campaign_year = ?",
                            Stage.HANDED_OVER.name(), packJson, sha, year.year());
                    return new CampaignViews.StepView(year.year(), "handover", Stage.HANDED_OVER, null, eventId, checkpoint.number(),
                            "handed over to the 市目标督查办", Map.of("packageSha256", sha));
                }));
    }

    /** Per unit its contribution to the annual target total (and per assessment), the 通报, and the checkpoint of the confirmation. */
    private ObjectNode handoverPackage(CampaignRows.Year year, Rulebook rulebook) {
        JsonNode notice = tree(year.noticeJson());
        ObjectNode pack = mapper.createObjectNode();
        pack.put("document", rulebook.document());
        pack.put("year", year.year());
        pack.put("confirmedAt", year.confirmedAt().toString());
        pack.put("confirmedCheckpoint", year.confirmedCheckpoint());
        pack.put("rulebookVersion", rulebook.version());
        ArrayNode units = pack.putArray("units");
        for (JsonNode row : notice.path("report").path("rows")) {
            ObjectNode u = units.addObject();
            u.put("unit", row.path("unit").asText());
            u.put("category", row.path("category").asText());
            u.put("rank", row.path("rank").asInt());
            for (String assessment : List.of("disclosure", "efficiency", "information")) {
                JsonNode f = row.path(assessment);
                u.set(assessment, f.path("applicable").asBoolean() ? f.path("contribution") : mapper.nullNode());
            }
            u.set("totalContribution", row.path("totalContribution"));
            u.set("recordId", row.path("evaluationId"));
        }
        pack.set("notice", notice.path("report"));
        pack.set("changes", notice.path("changes"));
        return pack;
    }

    // ------------------------------------------------------------------ rules of the year

    private void requireConfirmable(CampaignRows.Year year, List<CampaignRows.Objection> objections) {
        if (year.stage() != Stage.PUBLISHED) {
            throw conflict("Cannot confirm", "the assessment year " + year.year() + " is " + year.stage() + "; it is confirmed after its publication",
                    "stage", year.stage().name());
        }
        if (!clock.today().isAfter(year.publishTo())) {
            throw conflict("Publication period running", "the publication period runs until " + year.publishTo()
                    + "; the year is confirmed after it ends", "publicationTo", year.publishTo().toString());
        }
        List<CampaignRows.Objection> open = objections.stream().filter(o -> o.status().equals(OPEN)).toList();
        if (!open.isEmpty()) {
            throw new ProblemException(409, "Objections open", open.size() + " objection(s) are not decided: "
                    + open.stream().map(o -> o.unit() + " " + o.subject() + " (" + o.id() + ")").collect(Collectors.joining("; ")),
                    "objections", open.get(0).id(), null, Map.of("open", open.stream().map(CampaignRows.Objection::id).toList()));
        }
    }

    private static void requireUndecided(CampaignRows.Objection o) {
        if (!o.status().equals(OPEN)) {
            throw new ProblemException(409, "Objection already decided", "objection " + o.id() + " was decided " + o.status() + " by "
                    + o.decidedBy() + " at " + o.decidedAt(), "id", o.id(), null);
        }
    }

    private static void requireObjectionPeriod(CampaignRows.Year year, LocalDate today) {
        if (year.stage() != Stage.PUBLISHED || today.isBefore(year.publishFrom()) || today.isAfter(year.publishTo())) {
            throw conflict("Outside the publication period", "objections are filed during the publication period "
                    + year.publishFrom() + " to " + year.publishTo() + " of a published year; today is " + today + " and the year is "
                    + year.stage(), "publicationTo", year.publishTo().toString());
        }
    }

    private static boolean submissionOpen(CampaignRows.Year year, CampaignRows.Unit unit, LocalDate today) {
        return (year.stage() == Stage.OPEN || year.stage() == Stage.SCORED)
                && (!today.isAfter(year.selfDue()) || (unit.reopenedUntil() != null && !today.isAfter(unit.reopenedUntil())));
    }

    private static void requireSubmissionOpen(CampaignRows.Year year, CampaignRows.Unit unit, LocalDate today) {
        if (!submissionOpen(year, unit, today)) {
            throw conflict("Self-assessment locked", "the self-assessment of " + unit.unit() + " was due on " + year.selfDue()
                    + (unit.reopenedUntil() == null ? "" : " (reopened until " + unit.reopenedUntil() + ")") + "; today is " + today
                    + " and the year is " + year.stage() + ": it is locked (the office may reopen it with a reason)", "selfAssessmentDue",
                    year.selfDue().toString());
        }
    }

    private static void requireBeforePublication(CampaignRows.Year year) {
        if (year.stage() != Stage.OPEN && year.stage() != Stage.SCORED) {
            throw conflict("Already published", "the assessment year " + year.year() + " is " + year.stage()
                    + "; facts and scores change before publication (after it, through an upheld objection)", "stage", year.stage().name());
        }
    }

    private static void requireBeforeScoringEnds(CampaignRows.Year year) {
        requireBeforePublication(year);
    }

    private CampaignRows.Year requireYear(int year) {
        return store.year(year).orElseThrow(() -> ProblemException.notFound("Year not open", "the assessment year " + year
                + " has not been opened (POST /api/v1/campaigns/" + year + ")", "year", year));
    }

    private CampaignRows.Unit requireUnit(int year, String unit) {
        return store.unit(year, unit).orElseThrow(() -> CampaignAccess.noSuchUnit(year, unit));
    }

    private static CampaignRows.Year lockYear(Connection c, int year) throws SQLException {
        return CampaignStore.year(c, year, true).orElseThrow(() -> new IllegalStateException("year " + year + " vanished"));
    }

    static ProblemException conflict(String title, String detail, String field, Object value) {
        return new ProblemException(409, title, detail, field, value, null);
    }

    private static List<Item> items(Rulebook rulebook, UnitRow row) {
        List<Item> out = new ArrayList<>();
        for (Assessment a : Assessment.values()) {
            if (row.applies(a)) {
                out.addAll(rulebook.items(a));
            }
        }
        return out;
    }

    private static Item item(Rulebook rulebook, String unit, String code) {
        UnitRow row = rulebook.unit(unit).orElseThrow();
        return items(rulebook, row).stream().filter(i -> i.code().equals(code)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("No such item", unit + " has no item '" + code + "' to assess in "
                        + rulebook.year() + "; its items: " + items(rulebook, row).stream().map(Item::code).collect(Collectors.joining(", ")),
                        "item", code));
    }

    private Map<String, Map<String, BigDecimal>> currentSelfScores(int year) {
        Map<String, Map<String, BigDecimal>> out = new HashMap<>();
        for (CampaignRows.SelfScore s : store.selfScores(year, null)) { // oldest first: the last version wins
            out.computeIfAbsent(s.unit(), u -> new TreeMap<>()).put(s.item(), s.selfScore());
        }
        return out;
    }

    private Map<String, String> recordIds(int year) {
        Map<String, String> out = new TreeMap<>();
        store.units(year).forEach(u -> out.put(u.unit(), u.recordId()));
        return out;
    }

    private static Map<String, String> recordIds(Connection c, int year) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        for (CampaignRows.Unit u : CampaignStore.units(c, year, null)) {
            out.put(u.unit(), u.recordId());
        }
        return out;
    }

    private List<EvaluationResponse> responses(java.util.Collection<String> ids) {
        List<EvaluationResponse> out = new ArrayList<>();
        for (String id : ids) {
            DecisionRecord record = records.find(id).orElseThrow(() -> new IllegalStateException("record " + id + " is missing"));
            try {
                out.add(mapper.readValue(record.responseJson(), EvaluationResponse.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("record " + id + " holds no readable response", e);
            }
        }
        return out;
    }

    private ObjectNode facts(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.badField("facts", body == null ? null : body.getNodeType().name(),
                    "the facts are an object {findings: [...], information: {monthlySubmissions, adoptions}}");
        }
        ObjectNode facts = mapper.createObjectNode();
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("findings") && !name.equals("information")) {
                throw ProblemException.badField(name, null, "the facts hold findings and information only, not " + name);
            }
        });
        if (body.has("findings")) {
            facts.set("findings", body.get("findings"));
        }
        if (body.has("information")) {
            facts.set("information", body.get("information"));
        }
        return facts;
    }

    /**
     * The evaluation request of a unit's year: the office's facts and the unit's self-scores; the
     * information facts come from the adoption ledger when it is kept for the year (issue 21), so
     * nothing is typed twice, and the request kept in the record names the ledger's entries.
     */
    private String request(int year, String unit, ObjectNode facts, Map<String, BigDecimal> selfScores) {
        ObjectNode request = mapper.createObjectNode();
        request.put("unit", unit);
        request.put("year", year);
        if (facts.has("findings")) {
            request.set("findings", facts.get("findings"));
        }
        java.util.Optional<ObjectNode> information = keptInformation(year, unit);
        if (information.isPresent()) {
            request.set("information", information.get());
        } else if (facts.has("information")) {
            request.set("information", facts.get("information"));
        }
        if (!selfScores.isEmpty()) {
            ObjectNode scores = request.putObject("selfScores");
            selfScores.forEach(scores::put);
        }
        return events.json(request);
    }

    private java.util.Optional<ObjectNode> keptInformation(int year, String unit) {
        if (unit == null || !kept.isResolvable()) {
            return java.util.Optional.empty();
        }
        return kept.get().information(year, unit);
    }

    private CampaignViews.ObjectionView objectionView(CampaignRows.Year year, CampaignRows.Objection o, List<CampaignRows.File> unitFiles) {
        Long daysLeft = o.status().equals(OPEN) ? Math.max(0, ChronoUnit.DAYS.between(clock.today(), year.publishTo())) : null;
        return new CampaignViews.ObjectionView(o.id(), o.unit(), o.subject(), o.reasons(), o.status(), o.filedBy(), o.filedAt(), daysLeft,
                o.decidedBy(), o.decidedAt(), o.decisionReason(), o.previousRecordId(), o.correctedRecordId(),
                unitFiles.stream().filter(f -> f.purpose().equals("OBJECTION") && f.subject().equals(o.id())).map(f -> fileView(year.year(), f)).toList());
    }

    private static CampaignViews.FileView fileView(int year, CampaignRows.File f) {
        return new CampaignViews.FileView(f.id(), f.purpose(), f.subject(), f.originalName(), f.mediaType(), f.size(), f.sha256(),
                f.uploadedBy(), f.uploadedAt(), "/api/v1/campaigns/" + year + "/files/" + f.id());
    }

    private static LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badField(field, text, field + " is required, an ISO date yyyy-mm-dd");
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badField(field, text, field + " is an ISO date yyyy-mm-dd, not '" + text + "'");
        }
    }

    private static String text(String field, String text, String required) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badField(field, text, required);
        }
        if (text.length() > TEXT_MAX) {
            throw ProblemException.badField(field, text.length(), field + " has at most " + TEXT_MAX + " characters, not " + text.length());
        }
        return text.strip();
    }

    JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
