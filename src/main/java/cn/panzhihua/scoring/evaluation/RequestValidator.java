package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.facts.Adoption;
import cn.panzhihua.scoring.facts.Assessment;
import cn.panzhihua.scoring.facts.Channel;
import cn.panzhihua.scoring.facts.Finding;
import cn.panzhihua.scoring.facts.Item;
import cn.panzhihua.scoring.facts.LeaderInstruction;
import cn.panzhihua.scoring.facts.MonthSubmission;
import cn.panzhihua.scoring.facts.SelfScore;
import cn.panzhihua.scoring.problem.ProblemException;
import cn.panzhihua.scoring.rulebook.Clause;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import cn.panzhihua.scoring.rulebook.UnitRow;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a request into facts, or rejects it naming the field and value at fault. It checks what the
 * contract promises (SPEC section 6, Errors); it scores nothing.
 */
public final class RequestValidator {

    static final int MONTHS = 12;

    private RequestValidator() {
    }

    /** The rulebook of the request's year, or 404 naming the years there are. */
    public static Rulebook rulebookFor(EvaluationRequest request, Rulebooks rulebooks) {
        if (request == null) {
            throw ProblemException.badField("", null, "the request body is required: a JSON object with unit, year and information");
        }
        if (request.year() == null) {
            throw ProblemException.badField("year", null, "year is required");
        }
        return rulebooks.require(request.year(), "year");
    }

    /** Checks the request against its year's rulebook and turns it into facts. */
    public static EvaluationInput validate(EvaluationRequest request, Rulebook rulebook) {
        if (request.unit() == null || request.unit().isBlank()) {
            throw ProblemException.badField("unit", request.unit(), "unit is required: the unit's Chinese name as in table C");
        }
        UnitRow unit = rulebook.unit(request.unit()).orElseThrow(() -> ProblemException.badField("unit", request.unit(),
                "unknown unit '" + request.unit() + "' in rulebook " + rulebook.year()
                        + "; GET /api/v1/units?year=" + rulebook.year() + " lists the " + rulebook.units().size() + " units"));
        List<Finding> findings = findings(request.findings(), rulebook, unit);
        List<MonthSubmission> months = List.of();
        List<Adoption> adoptions = List.of();
        if (unit.applies(Assessment.INFORMATION) || request.information() != null) {
            if (request.information() == null) {
                throw ProblemException.badField("information", null,
                        "information is required: the information assessment (政务信息) applies to " + unit.name());
            }
            months = months(request.information().monthlySubmissions());
            adoptions = adoptions(request.information().adoptions(), rulebook);
        }
        List<SelfScore> selfScores = selfScores(request.selfScores(), rulebook, unit);
        LocalDate asOf = request.asOf() == null ? null : date("asOf", request.asOf(), rulebook.year());
        return new EvaluationInput(rulebook, unit, findings, months, adoptions, selfScores, asOf);
    }

    private static List<Finding> findings(List<EvaluationRequest.FindingInput> inputs, Rulebook rulebook, UnitRow unit) {
        if (inputs == null) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            EvaluationRequest.FindingInput in = inputs.get(i);
            String field = "findings[" + i + "]";
            if (in == null) {
                throw ProblemException.badField(field, null, field + " is null; a finding is an object with a code");
            }
            if (in.code() == null || in.code().isBlank()) {
                throw ProblemException.badField(field + ".code", in.code(), field + ".code is required");
            }
            Clause clause = rulebook.clause(in.code()).filter(Clause::isFindingCode).orElseThrow(() ->
                    ProblemException.badField(field + ".code", in.code(), "unknown finding code '" + in.code() + "'; valid codes: "
                            + rulebook.findingCodes().stream().map(Clause::code).collect(Collectors.joining(", "))
                            + " (GET /api/v1/rulebooks/" + rulebook.year() + "/clauses lists them with their text)"));
            if (!unit.applies(clause.assessment())) {
                throw ProblemException.badField(field + ".code", in.code(), in.code() + " belongs to the "
                        + clause.assessment().jsonName() + " assessment, which does not apply to " + unit.name()
                        + " (" + unit.category() + ")");
            }
            int count = in.count() == null ? 1 : in.count();
            if (count < 0) {
                throw ProblemException.badField(field + ".count", in.count(), field + ".count is " + in.count()
                        + "; a count is a non-negative integer (0 = checked, nothing found)");
            }
            findings.add(new Finding(i, in.code(), count, Boolean.TRUE.equals(in.serious()), in.note(), in.origin()));
        }
        return List.copyOf(findings);
    }

    private static List<MonthSubmission> months(List<Integer> counts) {
        String field = "information.monthlySubmissions";
        if (counts == null || counts.size() != MONTHS) {
            throw ProblemException.badField(field, counts, field + " must be exactly 12 non-negative integers, January first; got "
                    + (counts == null ? "none" : counts.size()));
        }
        List<MonthSubmission> months = new ArrayList<>(MONTHS);
        for (int m = 0; m < MONTHS; m++) {
            Integer count = counts.get(m);
            if (count == null || count < 0) {
                throw ProblemException.badField(field + "[" + m + "]", count, field + "[" + m + "] (month " + (m + 1) + ") is "
                        + count + "; each month is a non-negative integer");
            }
            months.add(new MonthSubmission(m + 1, count));
        }
        return List.copyOf(months);
    }

    private static List<Adoption> adoptions(List<EvaluationRequest.AdoptionInput> inputs, Rulebook rulebook) {
        if (inputs == null) {
            return List.of();
        }
        List<Adoption> adoptions = new ArrayList<>(inputs.size());
        Map<String, Integer> issues = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            EvaluationRequest.AdoptionInput in = inputs.get(i);
            String field = "information.adoptions[" + i + "]";
            if (in == null) {
                throw ProblemException.badField(field, null, field + " is null; an adoption is an object with a channel and a date");
            }
            Channel channel = rulebook.channel(in.channel()).orElseThrow(() -> ProblemException.badField(field + ".channel", in.channel(),
                    "unknown channel '" + in.channel() + "'; valid channels: "
                            + rulebook.channels().stream().map(Channel::code).collect(Collectors.joining(", "))));
            LocalDate date = date(field + ".date", in.date(), rulebook.year());
            if (Boolean.TRUE.equals(in.stateCouncilAdopted()) && channel.stateCouncilExtra() == null) {
                throw ProblemException.badField(field + ".stateCouncilAdopted", true, "stateCouncilAdopted is allowed only on "
                        + rulebook.channels().stream().filter(c -> c.stateCouncilExtra() != null).map(Channel::code).collect(Collectors.joining(" and "))
                        + ", not on " + in.channel());
            }
            String issue = issue(field + ".issue", in.issue());
            if (issue != null && channel.perIssue()) {
                Integer first = issues.putIfAbsent(channel.code() + "\u0000" + issue, i);
                if (first != null) {
                    throw ProblemException.badField(field + ".issue", issue, "issue " + issue + " of " + channel.code() + " is already recorded by "
                            + "information.adoptions[" + first + "]; an issue counts once");
                }
            }
            LeaderInstruction instruction = in.leaderInstruction() == null ? LeaderInstruction.NONE : in.leaderInstruction();
            adoptions.add(new Adoption(i, channel, date, in.title(), instruction, Boolean.TRUE.equals(in.stateCouncilAdopted()), issue));
        }
        return List.copyOf(adoptions);
    }

    private static List<SelfScore> selfScores(Map<String, BigDecimal> scores, Rulebook rulebook, UnitRow unit) {
        if (scores == null) {
            return List.of();
        }
        List<SelfScore> out = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> entry : scores.entrySet()) {
            String field = "selfScores." + entry.getKey();
            Item item = rulebook.items().stream().filter(i -> i.code().equals(entry.getKey())).findFirst().orElseThrow(() ->
                    ProblemException.badField(field, entry.getKey(), "unknown item '" + entry.getKey() + "'; items: "
                            + rulebook.items().stream().map(Item::code).collect(Collectors.joining(", "))));
            if (!unit.applies(item.assessment())) {
                throw ProblemException.badField(field, entry.getKey(), item.code() + " belongs to the " + item.assessment().jsonName()
                        + " assessment, which does not apply to " + unit.name() + " (" + unit.category() + ")");
            }
            BigDecimal value = entry.getValue();
            if (value == null || value.signum() < 0 || value.compareTo(item.max()) > 0) {
                throw ProblemException.badField(field, value, field + " is " + (value == null ? "null" : value.toPlainString())
                        + "; a self-score of " + item.code() + " " + item.name() + " is between 0 and its 分值 " + item.max().toPlainString());
            }
            out.add(new SelfScore(item.code(), value));
        }
        return List.copyOf(out);
    }

    private static LocalDate date(String field, String value, int year) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badField(field, value, field + " is required: a date, yyyy-mm-dd");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badField(field, value, field + " is '" + value + "', not an ISO date (yyyy-mm-dd)");
        }
        if (date.getYear() != year) {
            throw ProblemException.badField(field, value, field + " is " + value + ", outside the evaluated year " + year);
        }
        return date;
    }

    private static String issue(String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() || (node.isTextual() && !node.asText().isBlank())) {
            return node.asText().strip();
        }
        throw ProblemException.badField(field, node.toString(), field + " must be an issue number or a string, not " + node);
    }
}
