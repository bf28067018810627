package cn.panzhihua.scoring.rulebook;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks one piece of rule code against the {@link RuleVocabulary}: a pattern's constraint (Drools
 * constraint syntax, made readable as Java first) or a consequence (Java statements). Every name,
 * type, constructor, method and field is looked up; the type of each expression is followed where it
 * is known, so a misspelt field is reported with the fact's fields and the closest name.
 */
final class ExpressionCheck {

    /** A short decimal, the only text a BigDecimal may be built from: no exponent, no huge numbers. */
    private static final Pattern DECIMAL_LITERAL = Pattern.compile("-?\\d{1,18}(\\.\\d{1,18})?");
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\+u+([0-9a-fA-F]{4})?");
    /** Drools' operators that read as Java once replaced (the parts around them are still checked). */
    private static final Pattern MEMBERSHIP = Pattern.compile("\\b(not\\s+)?(in|contains|memberOf|excludes)\\b(\\s*\\()?");
    private static final Pattern REFUSED_OPERATOR = Pattern.compile("\\b(not\\s+)?(matches|soundslike|str\\s*\\[|after|before|coincides|"
            + "during|finishes|finishedby|includes|meets|metby|overlaps|overlappedby|starts|startedby)\\b");
    private static final String IN_LIST = "$in";
    /** Node kinds that are part of the vocabulary at all; anything else is refused before its meaning is looked at. */
    private static final Set<Class<? extends Node>> NODES = Set.of(NameExpr.class, SimpleName.class, FieldAccessExpr.class,
            MethodCallExpr.class, ObjectCreationExpr.class, StringLiteralExpr.class, TextBlockLiteralExpr.class, IntegerLiteralExpr.class,
            LongLiteralExpr.class, DoubleLiteralExpr.class, BooleanLiteralExpr.class, CharLiteralExpr.class, NullLiteralExpr.class,
            BinaryExpr.class, UnaryExpr.class, EnclosedExpr.class, ConditionalExpr.class, ThisExpr.class, AssignExpr.class,
            VariableDeclarationExpr.class, VariableDeclarator.class, ClassOrInterfaceType.class, PrimitiveType.class, BlockStmt.class,
            ExpressionStmt.class, IfStmt.class, EmptyStmt.class, com.github.javaparser.ast.Modifier.class,
            com.github.javaparser.ast.comments.LineComment.class, com.github.javaparser.ast.comments.BlockComment.class,
            com.github.javaparser.ast.comments.JavadocComment.class);

    private static final ThreadLocal<JavaParser> PARSER = ThreadLocal.withInitial(() -> new JavaParser(new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17).setAttributeComments(false)));

    /** Where and what: the problems found, as offsets into the original text. */
    record Finding(int offset, String message) {
    }

    /** What a name refers to: a type (static use) or a value of a type (null type: not known). */
    private record Ty(Class<?> type, boolean isStatic) {
        static final Ty UNKNOWN = new Ty(null, false);

        static Ty of(Class<?> type) {
            return new Ty(type == Object.class ? null : box(type), false);
        }
    }

    private final String original;
    private final Map<String, Class<?>> bindings;
    private final Class<?> patternType;
    private final boolean consequence;
    private final Map<String, Class<?>> locals = new LinkedHashMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private final Set<Integer> inLists = new HashSet<>();
    private final Set<String> boundHere = new java.util.LinkedHashSet<>();
    private String rewritten;
    private int[] origin;
    private int[] lineStarts;

    private ExpressionCheck(String original, Map<String, Class<?>> bindings, Class<?> patternType, boolean consequence) {
        this.original = original;
        this.bindings = bindings;
        this.patternType = patternType;
        this.consequence = consequence;
    }

    /**
     * Checks a constraint of a pattern of {@code patternType} (null: not a fact, as the result of an
     * accumulate). A leading binding ({@code $x : expr}) is added to {@code bindings} with the type of its expression.
     */
    static List<Finding> constraint(String text, Class<?> patternType, Map<String, Class<?>> bindings) {
        ExpressionCheck check = new ExpressionCheck(text, bindings, patternType, false);
        check.runConstraint();
        return check.findings;
    }

    /** Checks an accumulate function's argument (an expression over the rule's bindings). */
    static List<Finding> argument(String text, Map<String, Class<?>> bindings) {
        ExpressionCheck check = new ExpressionCheck(text, bindings, null, false);
        check.runConstraint();
        return check.findings;
    }

    /** Checks a consequence: Java statements, no loops, only the vocabulary, inserting facts. */
    static List<Finding> consequence(String text, Map<String, Class<?>> bindings) {
        ExpressionCheck check = new ExpressionCheck(text, bindings, null, true);
        check.runConsequence();
        return check.findings;
    }

    // ---- making the text readable as Java -------------------------------------------------

    private boolean escapes() {
        Matcher m = UNICODE_ESCAPE.matcher(original);
        if (m.find()) {
            String decoded = m.group(1) == null ? "" : " (it spells '" + (char) Integer.parseInt(m.group(1), 16) + "')";
            findings.add(new Finding(m.start(), "a \\u escape" + decoded + " is not allowed in rule code: write the character itself"));
            return true;
        }
        return false;
    }

    private void runConstraint() {
        if (escapes()) {
            return;
        }
        StringBuilder out = new StringBuilder();
        List<Integer> map = new ArrayList<>();
        String text = original;
        // A leading binding "$x : expr" (or "$x := expr"): the binding is recorded, the expression checked.
        Matcher binding = Pattern.compile("^\\s*(\\$?[A-Za-z_][\\w$]*)\\s*:=?(?!=)").matcher(text);
        String bound = null;
        int from = 0;
        if (binding.find()) {
            bound = binding.group(1);
            from = binding.end();
        }
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                int end = literalEnd(text, i);
                for (int k = i; k < end; k++) {
                    out.append(text.charAt(k));
                    map.add(k);
                }
                i = end;
                continue;
            }
            if (c == '#') {
                findings.add(new Finding(i, "inline casts (#Type) are not allowed in a rule: match the fact type in its own pattern"));
                return;
            }
            if (c == '!' && i + 1 < text.length() && text.charAt(i + 1) == '.') {
                out.append('.');
                map.add(i);
                i += 2;
                continue;
            }
            if (Character.isLetter(c) && (i == 0 || !Character.isJavaIdentifierPart(text.charAt(i - 1)))) {
                String rest = text.substring(i);
                Matcher refused = REFUSED_OPERATOR.matcher(rest);
                if (refused.lookingAt() && operatorPosition(out)) {
                    findings.add(new Finding(i, "the operator '" + refused.group().strip() + "' is not allowed in a rule"
                            + (refused.group(2).equals("matches") ? " (a regular expression can take unbounded time)" : "")
                            + "; compare with ==, !=, <, >, in"));
                    return;
                }
                Matcher member = MEMBERSHIP.matcher(rest);
                if (member.lookingAt() && operatorPosition(out)) {
                    boolean negated = member.group(1) != null;
                    boolean list = member.group(2).equals("in");
                    if (list && member.group(3) == null) {
                        findings.add(new Finding(i, "'in' takes a list in parentheses, such as informationTable in (1, 3)"));
                        return;
                    }
                    String replacement = (negated ? " != " : " == ") + (list ? IN_LIST + "(" : member.group(3) == null ? "" : "(");
                    if (list) {
                        inLists.add(out.length() + 4);
                    }
                    for (int k = 0; k < replacement.length(); k++) {
                        out.append(replacement.charAt(k));
                        map.add(i);
                    }
                    i += member.end();
                    continue;
                }
            }
            out.append(c);
            map.add(i);
            i++;
        }
        rewritten = out.toString();
        origin = map.stream().mapToInt(Integer::intValue).toArray();
        ParseResult<Expression> parsed;
        try {
            parsed = PARSER.get().parseExpression(rewritten);
        } catch (StackOverflowError e) {
            findings.add(new Finding(from, "this expression is nested too deeply to be read"));
            return;
        }
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            findings.add(new Finding(from, "this constraint cannot be read as a comparison of fact fields: "
                    + firstProblem(parsed) + "; see docs/rule-vocabulary.md for what a constraint may say"));
            return;
        }
        Expression expression = parsed.getResult().get();
        if (!allowedNodes(expression)) {
            return;
        }
        Ty type = expr(expression);
        if (bound != null) {
            bindings.put(bound, type.isStatic() || type.type() == null ? Object.class : type.type());
            boundHere.add(bound);
        }
    }

    /** An operator word stands after an operand, not at the start of an expression or after another operator. */
    private static boolean operatorPosition(StringBuilder before) {
        String b = before.toString().stripTrailing();
        if (b.isEmpty()) {
            return false;
        }
        char last = b.charAt(b.length() - 1);
        return Character.isJavaIdentifierPart(last) || last == ')' || last == '"' || last == '\'' || last == ']';
    }

    private static int literalEnd(String text, int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    private void runConsequence() {
        if (escapes()) {
            return;
        }
        rewritten = "{" + original + "\n}";
        origin = new int[rewritten.length()];
        for (int k = 0; k < origin.length; k++) {
            origin[k] = Math.max(0, Math.min(original.length(), k - 1));
        }
        ParseResult<BlockStmt> parsed;
        try {
            parsed = PARSER.get().parseBlock(rewritten);
        } catch (StackOverflowError e) {
            findings.add(new Finding(0, "this consequence is nested too deeply to be read"));
            return;
        }
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            String problem = firstProblem(parsed);
            int at = problemOffset(parsed);
            String hint = original.matches("(?s).*\\b(modify|update|retract|delete)\\s*\\(.*")
                    ? "; a rule only inserts facts (insert, insertLogical): modify, update and delete are not part of the vocabulary"
                    : "";
            if (problem.contains("Found \";\"") && problem.contains("\")\"")) {
                // A parenthesis opened in the statement is not closed: say so where it is missing, at the end of the statement.
                int end = at;
                while (end < original.length() && original.charAt(end) != '\n') {
                    end++;
                }
                while (end > 0 && Character.isWhitespace(original.charAt(end - 1))) {
                    end--;
                }
                findings.add(new Finding(end, "insert \")\" to complete this statement: a parenthesis opened on this line is not closed"));
                return;
            }
            Matcher macro = Pattern.compile("\\b(modify|update|retract|delete)\\s*\\(").matcher(original);
            if (!hint.isEmpty() && macro.find()) {
                findings.add(new Finding(macro.start(), macro.group(1) + " is not allowed" + hint));
                return;
            }
            findings.add(new Finding(at, "this consequence is not Java statements the rule vocabulary allows: " + problem + hint));
            return;
        }
        BlockStmt block = parsed.getResult().get();
        if (!allowedNodes(block)) {
            return;
        }
        for (Statement statement : block.getStatements()) {
            statement(statement);
        }
    }

    private static String firstProblem(ParseResult<?> parsed) {
        if (parsed.getProblems().isEmpty()) {
            return "it is not an expression";
        }
        String message = parsed.getProblems().get(0).getMessage();
        int newline = message.indexOf('\n');
        message = newline > 0 ? message.substring(0, newline) : message;
        return message.replaceAll("\\s+", " ").strip();
    }

    private int problemOffset(ParseResult<?> parsed) {
        if (parsed.getProblems().isEmpty()) {
            return 0;
        }
        return parsed.getProblems().get(0).getLocation().flatMap(l -> l.getBegin().getRange()).map(r -> offset(r.begin)).orElse(0);
    }

    // ---- positions ---------------------------------------------------------------------------

    private int offset(Position position) {
        if (lineStarts == null) {
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int k = 0; k < rewritten.length(); k++) {
                if (rewritten.charAt(k) == '\n') {
                    starts.add(k + 1);
                }
            }
            lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }
        int line = Math.max(1, Math.min(position.line, lineStarts.length));
        int at = Math.max(0, Math.min(rewritten.length() - 1, lineStarts[line - 1] + position.column - 1));
        return origin.length == 0 ? 0 : origin[Math.max(0, Math.min(origin.length - 1, at))];
    }

    private void refuse(Node node, String message) {
        int at = node.getRange().map(r -> offset(r.begin)).orElse(0);
        findings.add(new Finding(at, message));
    }

    private int rewrittenOffset(Node node) {
        if (lineStarts == null) {
            offset(new Position(1, 1));
        }
        return node.getRange().map(r -> lineStarts[Math.max(0, Math.min(lineStarts.length - 1, r.begin.line - 1))] + r.begin.column - 1)
                .orElse(-1);
    }

    // ---- the syntax allowed at all ---------------------------------------------------------------

    private boolean allowedNodes(Node root) {
        List<Node> all = new ArrayList<>();
        root.walk(all::add);
        for (Node node : all) {
            if (node instanceof Comment) {
                continue;
            }
            if (!NODES.contains(node.getClass())) {
                String what = describe(node);
                refuse(node, what + " " + (what.endsWith("s") || what.contains(" and ") ? "are" : "is") + " not allowed in a rule");
                return false;
            }
        }
        return true;
    }

    private String describe(Node node) {
        String kind = node.getClass().getSimpleName();
        return switch (kind) {
            case "ForStmt", "ForEachStmt", "WhileStmt", "DoStmt" -> "loops";
            case "LambdaExpr" -> "lambdas";
            case "MethodReferenceExpr" -> "method references";
            case "ClassExpr" -> "class literals (reflection)";
            case "CastExpr" -> "casts";
            case "InstanceOfExpr" -> "instanceof tests";
            case "ArrayCreationExpr", "ArrayAccessExpr", "ArrayInitializerExpr", "ArrayType" -> "arrays";
            case "TryStmt", "ThrowStmt", "CatchClause" -> "try, catch and throw";
            case "SynchronizedStmt" -> "synchronized blocks";
            case "LocalClassDeclarationStmt", "LocalRecordDeclarationStmt", "ClassOrInterfaceDeclaration" -> "classes declared in a rule";
            case "SwitchStmt", "SwitchExpr", "SwitchEntry" -> "switch";
            case "ReturnStmt" -> "return";
            case "BreakStmt", "ContinueStmt", "LabeledStmt" -> "jumps (break, continue, labels)";
            case "SuperExpr" -> "super";
            case "AssertStmt" -> "assert";
            case "VarType" -> "var (name the type)";
            case "WildcardType", "TypeParameter" -> "wildcard types";
            case "ArrayCreationLevel" -> "arrays";
            case "MarkerAnnotationExpr", "SingleMemberAnnotationExpr", "NormalAnnotationExpr" -> "annotations in code";
            case "YieldStmt" -> "yield";
            case "ExplicitConstructorInvocationStmt" -> "constructor calls";
            case "PatternExpr", "TypePatternExpr", "RecordPatternExpr" -> "patterns";
            default -> kind.replaceAll("(Expr|Stmt)$", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase() + " (" + kind + ")";
        };
    }

    // ---- statements ------------------------------------------------------------------------------

    private void statement(Statement statement) {
        if (statement instanceof BlockStmt block) {
            block.getStatements().forEach(this::statement);
        } else if (statement instanceof ExpressionStmt e) {
            Expression x = e.getExpression();
            if (x instanceof VariableDeclarationExpr declaration) {
                for (VariableDeclarator v : declaration.getVariables()) {
                    Class<?> declared = type(v.getType());
                    v.getInitializer().ifPresent(this::expr);
                    locals.put(v.getNameAsString(), declared == null ? Object.class : declared);
                }
            } else if (x instanceof MethodCallExpr || x instanceof AssignExpr) {
                expr(x);
            } else {
                refuse(x, "a statement in a consequence inserts a fact or sets a local variable; this one does neither");
            }
        } else if (statement instanceof IfStmt s) {
            expr(s.getCondition());
            statement(s.getThenStmt());
            s.getElseStmt().ifPresent(this::statement);
        } else if (statement instanceof ForStmt || statement instanceof ForEachStmt || statement instanceof WhileStmt
                || statement instanceof DoStmt) {
            refuse(statement, "loops are not allowed in a consequence: collect with accumulate(...; collectList(...)) and pass the list");
        } else if (!(statement instanceof EmptyStmt)) {
            refuse(statement, describe(statement) + " is not allowed in a consequence");
        }
    }

    /** A declared type: a simple name of the vocabulary (type arguments too), or a primitive. */
    private Class<?> type(Type type) {
        if (type instanceof PrimitiveType p) {
            return switch (p.getType()) {
                case INT -> int.class;
                case LONG -> long.class;
                case BOOLEAN -> boolean.class;
                case DOUBLE -> double.class;
                default -> null;
            };
        }
        if (type instanceof ClassOrInterfaceType c) {
            if (c.getScope().isPresent()) {
                refuse(c, "fully-qualified names (" + c.asString() + ") are not allowed in a rule: import only what the vocabulary allows");
                return null;
            }
            c.getTypeArguments().ifPresent(args -> args.forEach(this::type));
            Optional<Class<?>> known = RuleVocabulary.type(c.getNameAsString());
            if (known.isEmpty()) {
                refuse(c, unknownType(c.getNameAsString()));
                return null;
            }
            return known.get();
        }
        refuse(type, describe(type) + " is not allowed in a rule");
        return null;
    }

    private String unknownType(String name) {
        String reason = RuleVocabulary.DANGEROUS.get(name);
        if (reason != null) {
            return name + " is not allowed: " + reason;
        }
        return "the type " + name + " is not part of the rule vocabulary"
                + RuleVocabulary.closest(name, RuleVocabulary.typeNames()).map(c -> " — did you mean " + c + "?").orElse(
                        "; a rule names the facts of cn.panzhihua.scoring.facts and BigDecimal, RoundingMode, MathContext, String, "
                                + "LocalDate, List, Set");
    }

    // ---- expressions -----------------------------------------------------------------------------

    private Ty expr(Expression e) {
        if (e instanceof StringLiteralExpr || e instanceof TextBlockLiteralExpr) {
            return Ty.of(String.class);
        }
        if (e instanceof IntegerLiteralExpr) {
            return Ty.of(int.class);
        }
        if (e instanceof LongLiteralExpr) {
            return Ty.of(long.class);
        }
        if (e instanceof DoubleLiteralExpr) {
            return Ty.of(double.class);
        }
        if (e instanceof BooleanLiteralExpr) {
            return Ty.of(boolean.class);
        }
        if (e instanceof CharLiteralExpr) {
            return Ty.of(char.class);
        }
        if (e instanceof NullLiteralExpr) {
            return Ty.UNKNOWN;
        }
        if (e instanceof EnclosedExpr x) {
            return expr(x.getInner());
        }
        if (e instanceof UnaryExpr x) {
            return expr(x.getExpression());
        }
        if (e instanceof ConditionalExpr x) {
            expr(x.getCondition());
            Ty a = expr(x.getThenExpr());
            expr(x.getElseExpr());
            return a;
        }
        if (e instanceof BinaryExpr x) {
            Ty left = expr(x.getLeft());
            Ty right = expr(x.getRight());
            return switch (x.getOperator()) {
                case OR, AND, EQUALS, NOT_EQUALS, LESS, GREATER, LESS_EQUALS, GREATER_EQUALS -> Ty.of(boolean.class);
                case PLUS -> left.type() == String.class || right.type() == String.class ? Ty.of(String.class) : left;
                default -> left;
            };
        }
        if (e instanceof ThisExpr) {
            if (consequence || patternType == null) {
                refuse(e, "'this' is only allowed in a pattern's constraints, where it is the matched fact");
                return Ty.UNKNOWN;
            }
            return Ty.of(patternType);
        }
        if (e instanceof AssignExpr x) {
            if (!consequence || !(x.getTarget() instanceof NameExpr target) || !locals.containsKey(target.getNameAsString())) {
                refuse(x, "only a local variable of the consequence may be assigned");
                return Ty.UNKNOWN;
            }
            return expr(x.getValue());
        }
        if (e instanceof NameExpr x) {
            return name(x);
        }
        if (e instanceof FieldAccessExpr x) {
            return field(x);
        }
        if (e instanceof MethodCallExpr x) {
            return call(x);
        }
        if (e instanceof ObjectCreationExpr x) {
            return creation(x);
        }
        refuse(e, describe(e) + " is not allowed in a rule");
        return Ty.UNKNOWN;
    }

    private Ty name(NameExpr x) {
        String name = x.getNameAsString();
        if (locals.containsKey(name)) {
            return Ty.of(locals.get(name));
        }
        if (bindings.containsKey(name)) {
            return Ty.of(bindings.get(name));
        }
        if (!consequence && patternType != null) {
            Optional<Method> property = RuleVocabulary.property(patternType, name);
            if (property.isPresent()) {
                return Ty.of(property.get().getReturnType());
            }
        }
        Optional<Class<?>> type = RuleVocabulary.type(name);
        if (type.isPresent()) {
            return new Ty(type.get(), true);
        }
        if (consequence && (name.equals("drools") || name.equals("kcontext"))) {
            refuse(x, name + " may only be used as " + name + ".insert(…) or " + name + ".insertLogical(…)");
            return Ty.UNKNOWN;
        }
        String reason = RuleVocabulary.DANGEROUS.get(name);
        if (reason != null) {
            refuse(x, name + " is not allowed: " + reason);
            return Ty.UNKNOWN;
        }
        if (!consequence && patternType != null && !name.startsWith("$")) {
            refuse(x, noField(patternType, name));
            return Ty.UNKNOWN;
        }
        List<String> known = new ArrayList<>(bindings.keySet());
        known.addAll(locals.keySet());
        Optional<String> close = RuleVocabulary.closest(name, known);
        refuse(x, name + " is not a binding of this rule" + (consequence ? ", a local variable" : "") + " or a type of the vocabulary"
                + (known.isEmpty() ? "" : "; the rule binds " + String.join(", ", bindings.keySet()))
                + close.map(c -> " — did you mean " + c + "?").orElse(""));
        return Ty.UNKNOWN;
    }

    static String noField(Class<?> type, String name) {
        List<String> fields = RuleVocabulary.fields(type);
        return type.getSimpleName() + " has no field " + name + "; its fields are " + String.join(", ", fields)
                + RuleVocabulary.closest(name, fields).map(c -> " — did you mean " + c + "?").orElse("");
    }

    private Ty field(FieldAccessExpr x) {
        String dotted = dotted(x);
        if (dotted != null) {
            String first = dotted.substring(0, dotted.indexOf('.'));
            boolean known = locals.containsKey(first) || bindings.containsKey(first) || RuleVocabulary.type(first).isPresent()
                    || (!consequence && patternType != null && RuleVocabulary.property(patternType, first).isPresent());
            if (!known && Character.isLowerCase(first.charAt(0)) && !first.startsWith("$")) {
                refuse(x, "fully-qualified names (" + dotted + ") are not allowed in a rule: only the vocabulary's types, by their simple names");
                return Ty.UNKNOWN;
            }
        }
        int before = findings.size();
        Ty scope = expr(x.getScope());
        String name = x.getNameAsString();
        if (findings.size() > before) {
            return Ty.UNKNOWN;
        }
        if (scope.isStatic()) {
            Optional<Class<?>> constant = RuleVocabulary.staticField(scope.type(), name);
            if (constant.isPresent()) {
                return Ty.of(constant.get());
            }
            try {
                Class<?> nested = Class.forName(scope.type().getName() + "$" + name, false, scope.type().getClassLoader());
                if (RuleVocabulary.FACT_TYPES.contains(nested)) {
                    return new Ty(nested, true);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // not a nested type either
            }
            refuse(x, scope.type().getSimpleName() + "." + name + " is not part of the rule vocabulary");
            return Ty.UNKNOWN;
        }
        if (scope.type() == null) {
            if (!RuleVocabulary.anyInstanceMethodNames().contains(name)) {
                refuse(x, "the field " + name + " is not part of the rule vocabulary");
            }
            return Ty.UNKNOWN;
        }
        Optional<Method> property = RuleVocabulary.property(scope.type(), name);
        if (property.isEmpty()) {
            refuse(x.getName(), RuleVocabulary.isFact(scope.type()) ? noField(scope.type(), name)
                    : scope.type().getSimpleName() + "." + name + " is not part of the rule vocabulary");
            return Ty.UNKNOWN;
        }
        return Ty.of(property.get().getReturnType());
    }

    /** a.b.c as text when the whole chain is names, else null. */
    private static String dotted(Expression e) {
        if (e instanceof NameExpr n) {
            return n.getNameAsString();
        }
        if (e instanceof FieldAccessExpr f) {
            String scope = dotted(f.getScope());
            return scope == null ? null : scope + "." + f.getNameAsString();
        }
        return null;
    }

    private Ty call(MethodCallExpr x) {
        String name = x.getNameAsString();
        if (x.getTypeArguments().isPresent()) {
            refuse(x, "explicit type arguments are not allowed in a rule");
            return Ty.UNKNOWN;
        }
        NodeList<Expression> args = x.getArguments();
        if (x.getScope().isEmpty()) {
            if (!consequence && name.equals(IN_LIST) && inLists.contains(rewrittenOffset(x))) {
                args.forEach(this::expr);
                return Ty.of(boolean.class);
            }
            if (consequence) {
                if ((name.equals("insert") || name.equals("insertLogical")) && args.size() == 1) {
                    Ty inserted = expr(args.get(0));
                    if (inserted.type() != null && !RuleVocabulary.isFact(inserted.type())) {
                        refuse(x, "a rule inserts facts of cn.panzhihua.scoring.facts, not " + inserted.type().getSimpleName());
                    }
                    return Ty.UNKNOWN;
                }
                refuse(x, name + "(…) is not allowed in a consequence: a rule inserts facts with insert(…) or insertLogical(…)");
                return Ty.UNKNOWN;
            }
            if (patternType == null) {
                refuse(x, name + "(…) is not a method of the vocabulary");
                return Ty.UNKNOWN;
            }
            return method(x, patternType, name, args);
        }
        Expression scopeExpr = x.getScope().get();
        if (consequence && scopeExpr instanceof NameExpr n && (n.getNameAsString().equals("drools") || n.getNameAsString().equals("kcontext"))
                && !locals.containsKey(n.getNameAsString())) {
            if (n.getNameAsString().equals("drools") && (name.equals("insert") || name.equals("insertLogical")) && args.size() == 1) {
                expr(args.get(0));
                return Ty.UNKNOWN;
            }
            refuse(x, n.getNameAsString() + "." + name + "(…) is not allowed: a rule may use drools.insert(…) and drools.insertLogical(…) only");
            return Ty.UNKNOWN;
        }
        String dotted = dotted(scopeExpr);
        if (dotted != null && dotted.contains(".")) {
            String first = dotted.substring(0, dotted.indexOf('.'));
            boolean known = locals.containsKey(first) || bindings.containsKey(first) || RuleVocabulary.type(first).isPresent()
                    || (!consequence && patternType != null && RuleVocabulary.property(patternType, first).isPresent());
            if (!known && Character.isLowerCase(first.charAt(0)) && !first.startsWith("$")) {
                refuse(x, "fully-qualified names (" + dotted + ") are not allowed in a rule: only the vocabulary's types, by their simple names");
                return Ty.UNKNOWN;
            }
        }
        int before = findings.size();
        Ty scope = expr(scopeExpr);
        if (findings.size() > before) {
            args.forEach(this::expr);
            return Ty.UNKNOWN; // the scope is refused already: one message for one mistake
        }
        if (scope.isStatic()) {
            List<Method> statics = RuleVocabulary.staticMethods(scope.type(), name);
            args.forEach(this::expr);
            if (statics.isEmpty()) {
                refuse(x, scope.type().getSimpleName() + "." + name + "(…) is not part of the rule vocabulary"
                        + (RuleVocabulary.isFact(scope.type()) || scope.type() == BigDecimal.class ? "" : ": no static call on "
                        + scope.type().getSimpleName() + " is"));
                return Ty.UNKNOWN;
            }
            if (scope.type() == BigDecimal.class && args.size() == 1 && args.get(0) instanceof StringLiteralExpr) {
                refuse(x, "BigDecimal.valueOf takes a whole number");
            }
            return ret(statics, args.size());
        }
        if (scope.type() == null) {
            args.forEach(this::expr);
            if (!RuleVocabulary.anyInstanceMethodNames().contains(name)) {
                refuse(x, name + "(…) is not a method of the rule vocabulary");
            }
            return Ty.UNKNOWN;
        }
        return method(x, scope.type(), name, args);
    }

    private Ty method(MethodCallExpr x, Class<?> type, String name, NodeList<Expression> args) {
        args.forEach(this::expr);
        List<Method> methods = RuleVocabulary.instanceMethods(type, name);
        if (methods.isEmpty()) {
            boolean exists = java.util.Arrays.stream(type.getMethods()).anyMatch(m -> m.getName().equals(name));
            List<String> names = RuleVocabulary.methodNames(type);
            String reason = name.equals("getClass") || name.equals("wait") || name.equals("notify") || name.equals("notifyAll")
                    ? "reflection and threads are not allowed in a rule" : null;
            if (reason != null) {
                refuse(x.getName(), name + "() is not allowed: " + reason);
            } else if (exists) {
                refuse(x.getName(), type.getSimpleName() + "." + name + "(…) is not part of the rule vocabulary; " + type.getSimpleName()
                        + " allows " + String.join(", ", names));
            } else {
                refuse(x.getName(), type.getSimpleName() + " has no method " + name + "; its methods are " + String.join(", ", names)
                        + RuleVocabulary.closest(name, names).map(c -> " — did you mean " + c + "?").orElse(""));
            }
            return Ty.UNKNOWN;
        }
        return ret(methods, args.size());
    }

    private static Ty ret(Collection<Method> methods, int arity) {
        for (Method m : methods) {
            if (m.getParameterCount() == arity || m.isVarArgs()) {
                return Ty.of(m.getReturnType());
            }
        }
        return Ty.UNKNOWN;
    }

    private Ty creation(ObjectCreationExpr x) {
        if (x.getAnonymousClassBody().isPresent()) {
            refuse(x, "anonymous classes are not allowed in a rule");
            return Ty.UNKNOWN;
        }
        if (x.getScope().isPresent()) {
            refuse(x, "qualified 'new' is not allowed in a rule");
            return Ty.UNKNOWN;
        }
        Class<?> type = type(x.getType());
        x.getArguments().forEach(this::expr);
        if (type == null) {
            return Ty.UNKNOWN;
        }
        if (!RuleVocabulary.constructible(type)) {
            refuse(x, "new " + type.getSimpleName() + "(…) is not allowed: a rule constructs facts, BigDecimal and MathContext only");
            return Ty.UNKNOWN;
        }
        if (type == BigDecimal.class) {
            if (x.getArguments().size() != 1) {
                refuse(x, "new BigDecimal takes one argument: a whole number or a short decimal in quotes, such as \"2.5\"");
            } else if (x.getArguments().get(0) instanceof StringLiteralExpr s && !DECIMAL_LITERAL.matcher(s.getValue()).matches()) {
                refuse(x, "new BigDecimal(\"" + s.getValue() + "\") is not a short decimal such as \"2.5\" (no exponent, at most 18 digits "
                        + "either side of the point)");
            } else if (x.getArguments().get(0) instanceof TextBlockLiteralExpr) {
                refuse(x, "new BigDecimal takes a short decimal in quotes, such as \"2.5\"");
            }
        }
        return Ty.of(type);
    }

    private static Class<?> box(Class<?> type) {
        if (type == int.class) {
            return Integer.class;
        }
        if (type == long.class) {
            return Long.class;
        }
        if (type == boolean.class) {
            return Boolean.class;
        }
        if (type == double.class) {
            return Double.class;
        }
        return type;
    }

    /** For tests and messages: the names a consequence may call without a scope. */
    static Set<String> consequenceCalls() {
        return new TreeSet<>(Set.of("insert", "insertLogical"));
    }
}
