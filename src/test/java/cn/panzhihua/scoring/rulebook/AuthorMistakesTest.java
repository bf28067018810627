package cn.panzhihua.scoring.rulebook;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 23 §4: five mistakes a rule author typically makes, each reported once, at its real line
 * and column (counted from 1), in one plain sentence naming the fact's fields and the closest name.
 */
class AuthorMistakesTest {

    /** reporting.drl's first rule as an author would retype it; line 7 is "rule", the patterns are lines 9 to 11. */
    private static final String RULE = """
            package rubric.information;

            import java.math.BigDecimal;
            import cn.panzhihua.scoring.facts.*;

            // I-2.1, retyped
            rule "I-2.1 test"
            when
                UnitYear(informationTable in (1, 3), $minimum : monthlyMinimum)
                $line : Line(code == "I-2.1")
                accumulate( $m : MonthSubmission(count < $minimum); $short : collectList($m); $short.size() > 0 )
            then
                insertLogical(new Deduction($line, "monthlySubmissions", $line.points(), Evidence.of($short)));
            end
            """;

    @Test
    void theRuleAsWrittenPasses() {
        DrlCompiler.Result result = DrlCompiler.compile(List.of(new DrlCompiler.Source("2016/information/test.drl", RULE)));
        assertTrue(result.ok(), result.errors().toString());
    }

    @Test
    void aMisspeltFieldNamesTheFactsFieldsAndTheClosestOne() {
        RulebookProblem error = only(RULE.replace("MonthSubmission(count < $minimum)", "MonthSubmission(cuont < $minimum)"));
        // "    accumulate( $m : MonthSubmission(" is 37 characters: cuont starts in column 38 of line 11.
        assertEquals(11, error.line());
        assertEquals(38, error.column());
        assertEquals("rule \"I-2.1 test\": MonthSubmission has no field cuont; its fields are month, count — did you mean count?",
                error.message());
    }

    @Test
    void anUnknownFactTypeNamesTheClosestFact() {
        RulebookProblem error = only(RULE.replace("$m : MonthSubmission(", "$m : MonthSubmision("));
        // The pattern starts at "$m", column 17 of line 11.
        assertEquals(11, error.line());
        assertEquals(17, error.column());
        assertEquals("there is no fact type MonthSubmision — did you mean MonthSubmission?", error.message());
    }

    @Test
    void aWrongMethodInAConsequenceIsAtTheMethodsName() {
        RulebookProblem error = only(RULE.replace("$line.points()", "$line.pointz()"));
        // "    insertLogical(new Deduction($line, \"monthlySubmissions\", $line." is 67 characters: pointz is at column 68 of line 13.
        assertEquals(13, error.line());
        assertEquals(68, error.column());
        assertTrue(error.message().startsWith("rule \"I-2.1 test\": Line has no method pointz; its methods are "), error.message());
        assertTrue(error.message().endsWith(" — did you mean points?"), error.message());
    }

    @Test
    void aMisspeltBindingNamesTheRulesBindings() {
        RulebookProblem error = only(RULE.replace("Evidence.of($short)", "Evidence.of($shrot)"));
        // "    insertLogical(new Deduction($line, \"monthlySubmissions\", $line.points(), Evidence.of(" is 89 characters.
        assertEquals(13, error.line());
        assertEquals(90, error.column());
        assertEquals("rule \"I-2.1 test\": $shrot is not a binding of this rule, a local variable or a type of the vocabulary; "
                + "the rule binds $minimum, $line, $m, $short — did you mean $short?", error.message());
    }

    @Test
    void anUnclosedParenthesisIsWhereItIsOpened() {
        List<RulebookProblem> errors = errors(RULE.replace("$line : Line(code == \"I-2.1\")", "$line : Line(code == \"I-2.1\""));
        RulebookProblem first = errors.get(0);
        // "    $line : Line" is 16 characters: the "(" left open is column 17 of line 10.
        assertEquals(10, first.line());
        assertEquals(17, first.column());
        assertTrue(first.message().contains("not closed"), first.message());
        assertTrue(errors.stream().noneMatch(e -> e.line() == 0 || e.column() == 0), errors.toString());
    }

    private static RulebookProblem only(String drl) {
        List<RulebookProblem> errors = errors(drl);
        assertEquals(1, errors.size(), "one mistake, one message: " + errors);
        return errors.get(0);
    }

    private static List<RulebookProblem> errors(String drl) {
        DrlCompiler.Result result = DrlCompiler.compile(List.of(new DrlCompiler.Source("2016/information/test.drl", drl)));
        assertFalse(result.ok(), "expected errors");
        assertTrue(result.errors().stream().allMatch(e -> e.file().equals("2016/information/test.drl") && e.line() > 0 && e.column() > 0),
                result.errors().toString());
        return result.errors();
    }
}
