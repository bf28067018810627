package cn.panzhihua.scoring.adoption;

import cn.panzhihua.scoring.campaign.CampaignClock;
import cn.panzhihua.scoring.campaign.CampaignEvents;
import cn.panzhihua.scoring.evaluation.EvaluationRequest;
import cn.panzhihua.scoring.evaluation.InputLimits;
import cn.panzhihua.scoring.evaluation.RequestValidator;
import cn.panzhihua.scoring.facts.Adoption;
import cn.panzhihua.scoring.facts.Channel;
import cn.panzhihua.scoring.problem.ProblemException;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import cn.panzhihua.scoring.rulebook.YearParam;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The adoption ledger (issue 21): the office enters each adoption as it happens and each unit's monthly
 * submission counts; an entry is checked exactly as the same adoption in an evaluation request
 * ({@link RequestValidator#adoption}), never edited (a correction reverses it and may replace it, with a
 * reason), and each write is an event of the decision-record chain, stored in the event's transaction.
 */
@ApplicationScoped
public class LedgerService {

    static final int TITLE_MAX = 2000;
    static final int ISSUE_MAX = 100;

    @Inject
    Rulebooks rulebooks;

    @Inject
    LedgerStore store;

    @Inject
    CampaignEvents events;

    @Inject
    CampaignClock clock;

    @Inject
    InputLimits limits;

    // ------------------------------------------------------------------ writes

    public CampaignEvents.Done add(String yearText, AdoptionViews.EntryRequest body, String who, String key) {
        Rulebook rulebook = YearParam.rulebook(rulebooks, "year", yearText);
        Adoption adoption = check(body, rulebook);
        Optional<CampaignEvents.Done> before = events.earlier(key, who);
        if (before.isPresent()) {
            return before.get();
        }
        int year = rulebook.year();
        duplicate(adoption, body.unit(), store.entries(year, body.unit()), null);
        String id = UUID.randomUUID().toString();
        return events.write(key, who, 200, new CampaignEvents.Step("adoption", year, body.unit(), details(id, adoption), List.of(), null,
                (c, eventId, checkpoint) -> {
                    duplicate(adoption, body.unit(), LedgerStore.entries(c, year, body.unit()), null);
                    LedgerStore.Entry entry = entry(c, id, year, body.unit(), adoption, null, null, who, eventId);
                    return new AdoptionViews.WriteView(year, "adoption", eventId, List.of(view(entry, rulebook, null)), null);
                }));
    }

    public CampaignEvents.Done correct(String yearText, String id, AdoptionViews.CorrectionRequest body, String who, String key) {
        Rulebook rulebook = YearParam.rulebook(rulebooks, "year", yearText);
        int year = rulebook.year();
        LedgerStore.Entry old = store.entry(year, id).filter(e -> e.kind().equals(LedgerStore.ADOPTION))
                .orElseThrow(() -> noSuchEntry(year, id));
        String reason = body == null || body.reason() == null || body.reason().isBlank() ? null : body.reason().strip();
        if (reason == null) {
            throw ProblemException.badField("reason", body == null ? null : body.reason(), "a correction needs a written reason");
        }
        if (reason.length() > TITLE_MAX) {
            throw ProblemException.badField("reason", reason.length(), "reason has at most " + TITLE_MAX + " characters, not " + reason.length());
        }
        AdoptionViews.EntryRequest replacement = body.replacement();
        if (replacement != null && replacement.unit() != null && !replacement.unit().equals(old.unit())) {
            throw ProblemException.badField("replacement.unit", replacement.unit(), "a replacement is of the same unit as the entry it replaces ("
                    + old.unit() + "); reverse it and enter the other unit's adoption on its own");
        }
        AdoptionViews.EntryRequest filled = replacement == null ? null : new AdoptionViews.EntryRequest(old.unit(), replacement.channel(),
                replacement.issue(), replacement.date(), replacement.title(), replacement.leaderInstruction(), replacement.stateCouncilAdopted());
        Adoption adoption = filled == null ? null : check(filled, rulebook);
        Optional<CampaignEvents.Done> before = events.earlier(key, who);
        if (before.isPresent()) {
            return before.get();
        }
        List<LedgerStore.Entry> all = store.entries(year, old.unit());
        requireActive(old, all);
        if (adoption != null) {
            duplicate(adoption, old.unit(), all, old.id());
        }
        String reversalId = UUID.randomUUID().toString();
        String replacementId = adoption == null ? null : UUID.randomUUID().toString();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reverses", old.id());
        details.put("reversal", reversalId);
        details.put("reason", reason);
        if (adoption != null) {
            details.put("replacement", details(replacementId, adoption));
        }
        return events.write(key, who, 200, new CampaignEvents.Step("adoption-correction", year, old.unit(), details, List.of(), null,
                (c, eventId, checkpoint) -> {
                    List<LedgerStore.Entry> now = LedgerStore.entries(c, year, old.unit());
                    requireActive(old, now);
                    List<AdoptionViews.EntryView> made = new ArrayList<>();
                    LedgerStore.Entry reversal = new LedgerStore.Entry(reversalId, LedgerStore.nextNumber(c), year, LedgerStore.REVERSAL, old.unit(),
                            old.channel(), old.issue(), old.date(), old.title(), null, false, old.id(), null, reason, who, clock.now(), eventId);
                    LedgerStore.insert(c, reversal);
                    made.add(view(reversal, rulebook, null));
                    if (adoption != null) {
                        duplicate(adoption, old.unit(), now, old.id());
                        made.add(view(entry(c, replacementId, year, old.unit(), adoption, old.id(), reason, who, eventId), rulebook, null));
                    }
                    return new AdoptionViews.WriteView(year, "adoption-correction", eventId, made, null);
                }));
    }

    public CampaignEvents.Done submissions(String yearText, AdoptionViews.SubmissionRequest body, String who, String key) {
        Rulebook rulebook = YearParam.rulebook(rulebooks, "year", yearText);
        int year = rulebook.year();
        if (body == null) {
            throw ProblemException.badField("", null, "the body is required: {unit, month, count}");
        }
        RequestValidator.requireUnit(body.unit(), rulebook);
        RequestValidator.monthCount("count", body.month(), body.count(), limits);
        String reason = body.reason() == null || body.reason().isBlank() ? null : body.reason().strip();
        if (reason != null && reason.length() > TITLE_MAX) {
            throw ProblemException.badField("reason", reason.length(), "reason has at most " + TITLE_MAX + " characters, not " + reason.length());
        }
        Optional<CampaignEvents.Done> before = events.earlier(key, who);
        if (before.isPresent()) {
            return before.get();
        }
        requireReason(store.submissions(year, body.unit()), body, reason);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("month", body.month());
        details.put("count", body.count());
        if (reason != null) {
            details.put("reason", reason);
        }
        return events.write(key, who, 200, new CampaignEvents.Step("submissions", year, body.unit(), details, List.of(), null,
                (c, eventId, checkpoint) -> {
                    requireReason(LedgerStore.submissions(c, year, body.unit()), body, reason);
                    int version = LedgerStore.nextVersion(c, year, body.unit(), body.month());
                    LedgerStore.Submission s = new LedgerStore.Submission(body.unit(), body.month(), version, body.count(), reason, who,
                            clock.now(), eventId);
                    LedgerStore.insert(c, year, s);
                    return new AdoptionViews.WriteView(year, "submissions", eventId, null, submissionView(s));
                }));
    }

    // ------------------------------------------------------------------ reads

    public AdoptionViews.LedgerView ledger(String yearText, String unit) {
        Rulebook rulebook = YearParam.rulebook(rulebooks, "year", yearText);
        int year = rulebook.year();
        if (unit != null && rulebook.unit(unit).isEmpty()) {
            throw noSuchUnit(year, unit);
        }
        List<LedgerStore.Entry> entries = store.entries(year, unit);
        Map<String, String> reversedBy = new HashMap<>();
        entries.stream().filter(e -> e.kind().equals(LedgerStore.REVERSAL)).forEach(e -> reversedBy.put(e.reverses(), e.id()));
        List<AdoptionViews.EntryView> views = entries.stream().map(e -> view(e, rulebook, reversedBy.get(e.id()))).toList();
        Map<String, List<LedgerStore.Submission>> byUnit = store.submissions(year, unit).stream()
                .collect(Collectors.groupingBy(LedgerStore.Submission::unit, java.util.TreeMap::new, Collectors.toList()));
        List<AdoptionViews.UnitMonths> months = new ArrayList<>();
        byUnit.forEach((u, versions) -> months.add(new AdoptionViews.UnitMonths(u, entered(versions),
                versions.stream().map(LedgerService::submissionView).toList())));
        return new AdoptionViews.LedgerView(year, unit, views.size(), (int) views.stream().filter(AdoptionViews.EntryView::counted).count(),
                views, months);
    }

    /** The counted adoptions of a unit (not reversed), in order of date and entry. */
    static List<LedgerStore.Entry> counted(List<LedgerStore.Entry> entries) {
        Set<String> reversed = entries.stream().filter(e -> e.kind().equals(LedgerStore.REVERSAL)).map(LedgerStore.Entry::reverses)
                .collect(Collectors.toSet());
        return entries.stream().filter(e -> e.kind().equals(LedgerStore.ADOPTION) && !reversed.contains(e.id()))
                .sorted(java.util.Comparator.comparing(LedgerStore.Entry::date).thenComparingLong(LedgerStore.Entry::number)).toList();
    }

    /** The latest count of each month entered, by month number. */
    static Map<Integer, Integer> entered(List<LedgerStore.Submission> versions) {
        Map<Integer, Integer> months = new java.util.TreeMap<>();
        versions.forEach(s -> months.put(s.month(), s.count())); // oldest first: the last version wins
        return months;
    }

    /** The latest count of each month, January first; null where none was entered. */
    static List<Integer> latest(List<LedgerStore.Submission> versions) {
        Integer[] months = new Integer[12];
        for (LedgerStore.Submission s : versions) { // oldest first: the last version wins
            months[s.month() - 1] = s.count();
        }
        return java.util.Arrays.asList(months);
    }

    // ------------------------------------------------------------------ checks

    Adoption check(AdoptionViews.EntryRequest body, Rulebook rulebook) {
        if (body == null) {
            throw ProblemException.badField("", null, "the body is required: an adoption with unit, channel, issue, date and title");
        }
        Adoption adoption = RequestValidator.adoption(body.unit(), new EvaluationRequest.AdoptionInput(body.channel(), body.date(), body.title(),
                body.leaderInstruction(), body.stateCouncilAdopted(), body.issue()), rulebook);
        // what the ledger's columns hold; an evaluation request bounds its size as a whole
        if (adoption.title() != null && adoption.title().length() > TITLE_MAX) {
            throw ProblemException.badField("title", adoption.title().length(), "title has at most " + TITLE_MAX + " characters, not "
                    + adoption.title().length());
        }
        if (adoption.issue() != null && adoption.issue().length() > ISSUE_MAX) {
            throw ProblemException.badField("issue", adoption.issue(), "issue has at most " + ISSUE_MAX + " characters");
        }
        return adoption;
    }

    /**
     * 409 naming the counted entry that is the same adoption: the same unit, channel, issue and title; on a
     * per-issue channel (《每日政情》) the same issue alone, since an evaluation request counts an issue once.
     */
    void duplicate(Adoption adoption, String unit, List<LedgerStore.Entry> entries, String replacing) {
        Channel channel = adoption.channel();
        for (LedgerStore.Entry e : counted(entries)) {
            if (e.id().equals(replacing) || !e.channel().equals(channel.code()) || !Objects.equals(e.issue(), adoption.issue())) {
                continue;
            }
            boolean sameIssue = channel.perIssue() && adoption.issue() != null;
            if (sameIssue || Objects.equals(blankless(e.title()), blankless(adoption.title()))) {
                throw new ProblemException(409, "Adoption already entered", unit + " already has this adoption in the ledger: entry " + e.id()
                        + " (No. " + e.number() + ", " + channel.code() + (e.issue() == null ? "" : " 第" + e.issue() + "期") + ", " + e.date()
                        + (e.title() == null ? "" : ", " + e.title()) + ", entered by " + e.recordedBy() + " at " + e.recordedAt()
                        + "); correct that entry instead", "existing", e.id(), null, Map.of("existing", e.id()));
            }
        }
    }

    private static String blankless(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private void requireActive(LedgerStore.Entry old, List<LedgerStore.Entry> entries) {
        for (LedgerStore.Entry e : entries) {
            if (e.kind().equals(LedgerStore.REVERSAL) && old.id().equals(e.reverses())) {
                throw new ProblemException(409, "Entry already corrected", "entry " + old.id() + " was reversed by " + e.id() + " ("
                        + e.recordedBy() + ", " + e.recordedAt() + ": " + e.reason() + "); correct its replacement instead", "id", old.id(), null,
                        Map.of("reversal", e.id()));
            }
        }
    }

    private static void requireReason(List<LedgerStore.Submission> versions, AdoptionViews.SubmissionRequest body, String reason) {
        boolean exists = versions.stream().anyMatch(s -> s.month() == body.month());
        if (exists && reason == null) {
            throw ProblemException.badField("reason", null, body.unit() + " already has a count for month " + body.month()
                    + "; a changed count needs a written reason (every version is kept)");
        }
    }

    LedgerStore.Entry entry(Connection c, String id, int year, String unit, Adoption a, String replaces, String reason, String who,
                                    String eventId) throws SQLException {
        LedgerStore.Entry entry = new LedgerStore.Entry(id, LedgerStore.nextNumber(c), year, LedgerStore.ADOPTION, unit, a.channel().code(),
                a.issue(), a.date(), blankless(a.title()), a.leaderInstruction(), a.stateCouncilAdopted(), null, replaces, reason, who,
                clock.now(), eventId);
        LedgerStore.insert(c, entry);
        return entry;
    }

    static Map<String, Object> details(String id, Adoption a) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("entry", id);
        d.put("channel", a.channel().code());
        if (a.issue() != null) {
            d.put("issue", a.issue());
        }
        d.put("date", a.date().toString());
        if (a.title() != null) {
            d.put("title", a.title());
        }
        d.put("leaderInstruction", a.leaderInstruction().name());
        d.put("stateCouncilAdopted", a.stateCouncilAdopted());
        return d;
    }

    static AdoptionViews.EntryView view(LedgerStore.Entry e, Rulebook rulebook, String reversedBy) {
        Optional<Channel> channel = e.channel() == null ? Optional.empty() : rulebook.channel(e.channel());
        boolean adoption = e.kind().equals(LedgerStore.ADOPTION);
        return new AdoptionViews.EntryView(e.id(), e.number(), e.kind(), e.unit(), e.channel(), channel.map(Channel::name).orElse(null),
                channel.map(c -> c.level().name()).orElse(null), e.issue(), e.date(), e.title(), e.leaderInstruction(),
                adoption ? e.stateCouncilAdopted() : null, e.reverses(), e.replaces(), e.reason(), reversedBy, adoption && reversedBy == null,
                e.recordedBy(), e.recordedAt(), e.eventId());
    }

    static AdoptionViews.SubmissionView submissionView(LedgerStore.Submission s) {
        return new AdoptionViews.SubmissionView(s.unit(), s.month(), s.version(), s.count(), s.reason(), s.recordedBy(), s.recordedAt(), s.eventId());
    }

    static ProblemException noSuchEntry(int year, String id) {
        return ProblemException.notFound("No such entry", "the adoption ledger of " + year + " has no adoption entry '" + id + "'", "id", id);
    }

    static ProblemException noSuchUnit(int year, String unit) {
        return ProblemException.notFound("No such unit", "the adoption ledger of " + year + " has no unit '" + unit + "' that you may see", "unit", unit);
    }
}
