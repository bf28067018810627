package cn.panzhihua.scoring.rulebook;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compile errors an author can act on: the real line and column, the parenthesis where it is, consequence errors at their statement. */
class DrlCompilerMessagesTest {

    private static final String HEAD = """
            package rubric.test;
            import java.math.BigDecimal;
            import cn.panzhihua.scoring.facts.*;

            """;

    @Test
    void aParserErrorCarriesTheColumnItsMessageNames() {
        // Before: column 0 while the message said "Line 3:19".
        List<RulebookProblem> errors = errors("package x;\nrule \"r\" when\n  String( length > )\nthen end\n");
        RulebookProblem first = errors.get(0);
        assertEquals(3, first.line());
        assertEquals(20, first.column(), "the ')' is the 20th character of the line: " + first);
        assertFalse(first.message().startsWith("[ERR"), first.message());
        assertTrue(errors.stream().noneMatch(e -> e.message().contains("Parser returned a null Package")), errors.toString());
    }

    @Test
    void aMissingParenthesisIsReportedAtItsOwnLine() {
        // Before: "mismatched input '$f'" on the next line and "Parser returned a null Package" at line 0.
        String drl = HEAD + """
                rule "D-1.2 test"
                when
                    Item(code == "D-1"
                    $f : Finding(code == "D-1.2")
                then
                    insertLogical(new Deduction(Assessment.DISCLOSURE, "D-1", "D-1.2", new BigDecimal("-2.5"), Evidence.of($f)));
                end
                """;
        List<RulebookProblem> errors = errors(drl);
        RulebookProblem first = errors.get(0);
        assertEquals(7, first.line(), errors.toString());
        assertEquals(9, first.column(), "the '(' of Item(: " + first);
        assertTrue(first.message().contains("not closed"), first.message());
        assertTrue(errors.stream().noneMatch(e -> e.message().contains("Parser returned a null Package")), errors.toString());
        assertTrue(errors.stream().noneMatch(e -> e.line() == 0), errors.toString());
    }

    @Test
    void anErrorInAConsequenceIsReportedAtTheLineOfItsStatement() {
        // Before: every consequence error was placed at the rule's first line, column 0.
        String drl = HEAD + """
                rule "E-1 test"
                when
                    $f : Finding(code == "E-1", $n : count)
                then
                    BigDecimal per = new BigDecimal("-5");
                    insertLogical(new Deduction(Assessment.EFFICIENCY, "E-1", "E-1",
                            per.multiply(BigDecimal.valueOf($n)), Evidence.of($f, "共 " + $nn + " 项")));
                end
                """;
        List<RulebookProblem> errors = errors(drl);
        assertEquals(1, errors.size(), errors.toString());
        RulebookProblem error = errors.get(0);
        assertEquals(11, error.line(), error.toString());
        assertEquals(74, error.column(), "where $nn is: " + error);
        // One plain sentence with the closest binding (issue 23 §4), found by the vocabulary gate before anything is compiled.
        assertTrue(error.message().contains("rule \"E-1 test\"") && error.message().contains("$nn is not a binding of this rule")
                && error.message().contains("did you mean $n?"), error.message());
    }

    @Test
    void aMissingParenthesisInAConsequenceIsAtItsStatementToo() {
        String drl = HEAD + """
                rule "E-5 test"
                when
                    $f : Finding(code == "E-5")
                then
                    String note = "x";
                    insertLogical(new Deduction(Assessment.EFFICIENCY, "E-5", "E-5", new BigDecimal("-10"), Evidence.of($f));
                end
                """;
        List<RulebookProblem> errors = errors(drl);
        assertTrue(errors.stream().allMatch(e -> e.line() == 10), errors.toString());
        RulebookProblem missing = errors.stream().filter(e -> e.message().contains("insert \")\"")).findFirst().orElseThrow();
        assertEquals("    insertLogical(new Deduction(Assessment.EFFICIENCY, \"E-5\", \"E-5\", new BigDecimal(\"-10\"), Evidence.of($f));".length() + 1,
                missing.column(), "at the end of the statement, where the ')' is missing: " + missing);
    }

    @Test
    void anUnknownFieldIsReportedWhereItIsWritten() {
        String drl = HEAD + """
                rule "x"
                when
                    $f : Finding(cod == "E-5")
                then
                end
                """;
        RulebookProblem error = errors(drl).get(0);
        assertEquals(7, error.line());
        assertEquals(18, error.column(), "where the expression starts: " + error);
    }

    private static List<RulebookProblem> errors(String drl) {
        DrlCompiler.Result result = DrlCompiler.compile(List.of(new DrlCompiler.Source("2016/test.drl", drl)));
        assertFalse(result.ok(), "expected errors");
        assertTrue(result.errors().stream().allMatch(e -> e.file().equals("2016/test.drl")), result.errors().toString());
        return result.errors();
    }
}
