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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a request into facts, or rejects it naming the field and value at fault. It checks what the
 * contract promises (SPEC section 6, Errors) and the service's bounds on numbers ({@link InputLimits});
 * it scores nothing. Every mistake of the request is collected and answered at once (the first one as
 * the problem's detail, field and value); a check that depends on a field found wrong is skipped.
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

    /** Checks the request against its year's rulebook and the shipped {@link InputLimits}, and turns it into facts. */
    public static EvaluationInput validate(EvaluationRequest request, Rulebook rulebook) {
        return validate(request, rulebook, InputLimits.DEFAULTS);
    }

    /** Checks the request against its year's rulebook and the service's limits, and turns it into facts. */
    public static EvaluationInput validate(EvaluationRequest request, Rulebook rulebook, InputLimits limits) {
        Mistakes mistakes = new Mistakes();
        UnitRow unit = unit(request.unit(), rulebook, mistakes);
        List<Finding> findings = findings(request.findings(), rulebook, unit, limits, mistakes);
        List<MonthSubmission> months = List.of();
        List<Adoption> adoptions = List.of();
        boolean informationApplies = unit == null || unit.applies(Assessment.INFORMATION);
        if (request.information() == null) {
            if (informationApplies) {
                mistakes.add("information", null, "information is required: the information assessment (政务信息) applies to "
                        + (unit == null ? "every unit" : unit.name()));
            }
        } else {
            months = months(request.information().monthlySubmissions(), limits, mistakes);
            adoptions = adoptions(request.information().adoptions(), rulebook, mistakes);
        }
        List<SelfScore> selfScores = selfScores(request.selfScores(), rulebook, unit, limits, mistakes);
        LocalDate asOf = request.asOf() == null ? null : date("asOf", request.asOf(), rulebook.year(), mistakes);
        mistakes.throwIfAny();
        return new EvaluationInput(rulebook, unit, findings, months, adoptions, selfScores, asOf);
    }

    /** The unit, or null (and a mistake, with the closest known names) when the name is not in the rulebook. */
    private static UnitRow unit(String name, Rulebook rulebook, Mistakes mistakes) {
        if (name == null || name.isBlank()) {
            mistakes.add("unit", name, "unit is required: the unit's Chinese name as in table C");
            return null;
        }
        UnitRow unit = rulebook.unit(name).orElse(null);
        if (unit == null) {
            List<String> closest = NameSuggestions.closest(name, rulebook.units().keySet());
            mistakes.add("unit", name, "unknown unit '" + name + "' in rulebook " + rulebook.year()
                    + (closest.isEmpty() ? "" : " (did you mean " + String.join(" or ", closest) + "?)")
                    + "; GET /api/v1/units?year=" + rulebook.year() + " lists the " + rulebook.units().size() + " units", closest);
        }
        return unit;
    }

    private static List<Finding> findings(List<EvaluationRequest.FindingInput> inputs, Rulebook rulebook, UnitRow unit,
                                          InputLimits limits, Mistakes mistakes) {
        if (inputs == null) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>(inputs.size());
        // counts add up per code (E-1 … E-4), in long so that no sum wraps; the total is bounded too
        Map<String, Long> totals = new HashMap<>();
        Set<String> overTotal = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            EvaluationRequest.FindingInput in = inputs.get(i);
            String field = "findings[" + i + "]";
            if (in == null) {
                mistakes.add(field, null, field + " is null; a finding is an object with a code");
                continue;
            }
            int before = mistakes.size();
            Clause clause = null;
            if (in.code() == null || in.code().isBlank()) {
                mistakes.add(field + ".code", in.code(), field + ".code is required");
            } else {
                clause = rulebook.clause(in.code()).filter(Clause::isFindingCode).orElse(null);
                if (clause == null) {
                    mistakes.add(field + ".code", in.code(), "unknown finding code '" + in.code() + "'; valid codes: "
                            + rulebook.findingCodes().stream().map(Clause::code).collect(Collectors.joining(", "))
                            + " (GET /api/v1/rulebooks/" + rulebook.year() + "/clauses lists them with their text)");
                } else if (unit != null && !unit.applies(clause.assessment())) {
                    mistakes.add(field + ".code", in.code(), in.code() + " belongs to the "
                            + clause.assessment().jsonName() + " assessment, which does not apply to " + unit.name()
                            + " (" + unit.category() + ")");
                }
            }
            int count = in.count() == null ? 1 : in.count();
            if (count < 0) {
                mistakes.add(field + ".count", in.count(), field + ".count is " + in.count()
                        + "; a count is a non-negative integer (0 = checked, nothing found)");
            } else if (count > limits.count()) {
                mistakes.add(field + ".count", in.count(), field + ".count is " + count + "; this service accepts counts up to "
                        + limits.count() + " (limits.count)");
            } else if (clause != null) {
                long total = totals.merge(in.code(), (long) count, Long::sum);
                if (total > limits.count() && overTotal.add(in.code())) {
                    mistakes.add(field + ".count", in.count(), "the counts of " + in.code() + " add up to " + total + " with " + field
                            + "; this service accepts at most " + limits.count() + " per code (limits.count)");
                }
            }
            text(field + ".note", in.note(), mistakes);
            if (mistakes.size() == before) {
                findings.add(new Finding(i, in.code(), count, Boolean.TRUE.equals(in.serious()), in.note(), in.origin()));
            }
        }
        return List.copyOf(findings);
    }

    private static List<MonthSubmission> months(List<Integer> counts, InputLimits limits, Mistakes mistakes) {
        String field = "information.monthlySubmissions";
        if (counts == null || counts.size() != MONTHS) {
            mistakes.add(field, counts, field + " must be exactly 12 non-negative integers, January first; got "
                    + (counts == null ? "none" : counts.size()));
            return List.of();
        }
        List<MonthSubmission> months = new ArrayList<>(MONTHS);
        for (int m = 0; m < MONTHS; m++) {
            Integer count = counts.get(m);
            if (count == null || count < 0) {
                mistakes.add(field + "[" + m + "]", count, field + "[" + m + "] (month " + (m + 1) + ") is "
                        + count + "; each month is a non-negative integer");
            } else if (count > limits.count()) {
                mistakes.add(field + "[" + m + "]", count, field + "[" + m + "] (month " + (m + 1) + ") is " + count
                        + "; this service accepts counts up to " + limits.count() + " (limits.count)");
            } else {
                months.add(new MonthSubmission(m + 1, count));
            }
        }
        return List.copyOf(months);
    }

    private static List<Adoption> adoptions(List<EvaluationRequest.AdoptionInput> inputs, Rulebook rulebook, Mistakes mistakes) {
        if (inputs == null) {
            return List.of();
        }
        List<Adoption> adoptions = new ArrayList<>(inputs.size());
        Map<String, Integer> issues = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            EvaluationRequest.AdoptionInput in = inputs.get(i);
            String field = "information.adoptions[" + i + "]";
            if (in == null) {
                mistakes.add(field, null, field + " is null; an adoption is an object with a channel and a date");
                continue;
            }
            int before = mistakes.size();
            Checked checked = adoption(i, field + ".", in, rulebook, mistakes);
            Channel channel = checked.channel();
            if (channel != null && checked.issue() != null && channel.perIssue()) {
                Integer first = issues.putIfAbsent(channel.code() + "\u0000" + checked.issue(), i);
                if (first != null) {
                    mistakes.add(field + ".issue", checked.issue(), "issue " + checked.issue() + " of " + channel.name() + " ("
                            + channel.code() + ") is already recorded by information.adoptions[" + first + "]; an issue counts once");
                }
            }
            if (checked.adoption() != null && mistakes.size() == before) {
                adoptions.add(checked.adoption());
            }
        }
        return List.copyOf(adoptions);
    }

    /**
     * One adoption entered on its own (the adoption ledger, issue 21), checked exactly as an element of
     * information.adoptions is, with its unit: fields are named without a prefix (unit, channel, date …).
     * 400 naming every field at fault; nothing else is checked here (duplicates are the ledger's own).
     */
    public static Adoption adoption(String unitName, EvaluationRequest.AdoptionInput in, Rulebook rulebook) {
        Mistakes mistakes = new Mistakes();
        unit(unitName, rulebook, mistakes);
        if (in == null) {
            mistakes.add("", null, "the body is required: an adoption with unit, channel and date");
            mistakes.throwIfAny();
        }
        Adoption adoption = adoption(0, "", in, rulebook, mistakes).adoption();
        mistakes.throwIfAny();
        return adoption;
    }

    /** A unit named on its own (the adoption ledger): 400 with the closest names when it is not in the rulebook, as in a request. */
    public static void requireUnit(String name, Rulebook rulebook) {
        Mistakes mistakes = new Mistakes();
        unit(name, rulebook, mistakes);
        mistakes.throwIfAny();
    }

    /** A month's submission count entered on its own (the adoption ledger): checked as an element of information.monthlySubmissions. */
    public static void monthCount(String field, Integer month, Integer count, InputLimits limits) {
        Mistakes mistakes = new Mistakes();
        if (month == null || month < 1 || month > MONTHS) {
            mistakes.add("month", month, "month is " + month + "; a month is 1 (January) to 12");
        }
        if (count == null || count < 0) {
            mistakes.add(field, count, field + " is " + count + "; a month's submissions are a non-negative integer");
        } else if (count > limits.count()) {
            mistakes.add(field, count, field + " is " + count + "; this service accepts counts up to " + limits.count() + " (limits.count)");
        }
        mistakes.throwIfAny();
    }

    /** One adoption's channel and issue as read, and the adoption itself (null when a field is wrong). */
    private record Checked(Channel channel, String issue, Adoption adoption) {
    }

    /** One adoption's fields, named {@code prefix + name}; no adoption (and mistakes) when any is wrong. */
    private static Checked adoption(int seq, String prefix, EvaluationRequest.AdoptionInput in, Rulebook rulebook, Mistakes mistakes) {
        int before = mistakes.size();
        Channel channel = in.channel() == null ? null : rulebook.channel(in.channel()).orElse(null);
        if (channel == null) {
            mistakes.add(prefix + "channel", in.channel(), "unknown channel '" + in.channel() + "'; valid channels: "
                    + rulebook.channels().stream().map(Channel::code).collect(Collectors.joining(", ")));
        }
        LocalDate date = date(prefix + "date", in.date(), rulebook.year(), mistakes);
        if (channel != null && Boolean.TRUE.equals(in.stateCouncilAdopted()) && channel.stateCouncilExtra() == null) {
            mistakes.add(prefix + "stateCouncilAdopted", true, "stateCouncilAdopted is allowed only on "
                    + rulebook.channels().stream().filter(c -> c.stateCouncilExtra() != null).map(Channel::code)
                            .collect(Collectors.joining(" and "))
                    + ", not on " + in.channel());
        }
        String issue = issue(prefix + "issue", in.issue(), mistakes);
        text(prefix + "title", in.title(), mistakes);
        text(prefix + "ledgerEntry", in.ledgerEntry(), mistakes);
        if (mistakes.size() != before) {
            return new Checked(channel, issue, null);
        }
        LeaderInstruction instruction = in.leaderInstruction() == null ? LeaderInstruction.NONE : in.leaderInstruction();
        return new Checked(channel, issue, new Adoption(seq, channel, date, in.title(), instruction, Boolean.TRUE.equals(in.stateCouncilAdopted()),
                issue, in.ledgerEntry()));
    }

    private static List<SelfScore> selfScores(Map<String, BigDecimal> scores, Rulebook rulebook, UnitRow unit, InputLimits limits,
                                              Mistakes mistakes) {
        if (scores == null) {
            return List.of();
        }
        List<SelfScore> out = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> entry : scores.entrySet()) {
            String field = "selfScores." + entry.getKey();
            Item item = rulebook.items().stream().filter(i -> i.code().equals(entry.getKey())).findFirst().orElse(null);
            if (item == null) {
                mistakes.add(field, entry.getKey(), "unknown item '" + entry.getKey() + "'; items: "
                        + rulebook.items().stream().map(Item::code).collect(Collectors.joining(", ")));
                continue;
            }
            if (unit != null && !unit.applies(item.assessment())) {
                mistakes.add(field, entry.getKey(), item.code() + " belongs to the " + item.assessment().jsonName()
                        + " assessment, which does not apply to " + unit.name() + " (" + unit.category() + ")");
                continue;
            }
            BigDecimal value = entry.getValue();
            if (value != null && !decimal(field, value, limits, mistakes)) {
                continue;
            }
            if (value == null || value.signum() < 0 || value.compareTo(item.max()) > 0) {
                mistakes.add(field, value, field + " is " + (value == null ? "null" : value.toPlainString())
                        + "; a self-score of " + item.code() + " " + item.name() + " is between 0 and its 分值 " + item.max().toPlainString());
                continue;
            }
            out.add(new SelfScore(item.code(), value));
        }
        return List.copyOf(out);
    }

    /**
     * Whether a decimal input is within the service's bounds. Checked before the value is compared or
     * computed with: 1e-3000000 or 1e999999999 are short to send and very costly to work with.
     */
    private static boolean decimal(String field, BigDecimal value, InputLimits limits, Mistakes mistakes) {
        BigDecimal plain = value.stripTrailingZeros();
        long places = Math.max(plain.scale(), 0);
        long integerDigits = Math.max((long) plain.precision() - plain.scale(), 0);
        if (places > limits.decimalPlaces()) {
            mistakes.add(field, value.toString(), field + " is " + value + ", with " + places + " digits after the decimal point; "
                    + "this service accepts at most " + limits.decimalPlaces() + " (limits.decimal-places)");
            return false;
        }
        if (places + integerDigits > limits.decimalDigits()) {
            mistakes.add(field, value.toString(), field + " is " + value + ", with " + (places + integerDigits)
                    + " significant digits; this service accepts at most " + limits.decimalDigits() + " (limits.decimal-digits)");
            return false;
        }
        return true;
    }

    /** Free text is kept in the trail and the record: it must be Unicode text (no unpaired surrogate, which UTF-8 cannot carry). */
    private static void text(String field, String value, Mistakes mistakes) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                mistakes.add(field, null, field + " holds an unpaired surrogate (\\u" + String.format("%04x", (int) c)
                        + ") at character " + i + ", which is not Unicode text");
                return;
            }
        }
    }

    private static LocalDate date(String field, String value, int year, Mistakes mistakes) {
        if (value == null || value.isBlank()) {
            mistakes.add(field, value, field + " is required: a date, yyyy-mm-dd");
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            mistakes.add(field, value, field + " is '" + value + "', not an ISO date (yyyy-mm-dd)");
            return null;
        }
        if (date.getYear() != year) {
            mistakes.add(field, value, field + " is " + value + ", outside the evaluated year " + year);
            return null;
        }
        return date;
    }

    private static String issue(String field, JsonNode node, Mistakes mistakes) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() || (node.isTextual() && !node.asText().isBlank())) {
            String issue = node.asText().strip();
            text(field, issue, mistakes);
            return issue;
        }
        mistakes.add(field, node.toString(), field + " must be an issue number or a string, not " + node);
        return null;
    }
}
