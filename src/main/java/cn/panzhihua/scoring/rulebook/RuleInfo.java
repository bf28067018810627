package cn.panzhihua.scoring.rulebook;

/**
 * A compiled rule as the catalogue and the trail show it: its name, its metadata and where it is written.
 *
 * @param clause      the clause code the rule applies (clauses.tsv); the trail names it
 * @param findingCode the finding code the rule serves when it is not the clause itself (I-2.1-DUP on line I-2.1)
 * @param channel     an adoption channel the rule serves alone (channels.tsv); rules that apply every channel use quotes instead
 * @param source      where in the source document the clause is (part, table, 序号, line)
 * @param text        the clause's words as the document has them, quoted in the trail; its numbers must agree with the tables
 * @param note        the interpretation the rule makes where the document is ambiguous (SPEC section 5); shown in the trail
 * @param unreachable why no request can fire the rule (then rule coverage does not ask for a scenario)
 * @param quotes      "channels" or "tiers": the rule applies every row of that table, and its trail entries quote the row
 * @param level       with quotes("channels"): the adoption level (MUNICIPAL, PROVINCIAL) of the rows it applies
 */
public record RuleInfo(String name, String packageName, String clause, String findingCode, String channel,
                       String source, String text, String note, String unreachable, String quotes, String level,
                       String file, int line) {

    /** Names the rule uniquely in its rulebook (rule names are unique per DRL package): {@code package/name}. */
    public String key() {
        return key(packageName, name);
    }

    public static String key(String packageName, String name) {
        return packageName + "/" + name;
    }

    /** Where the rule is written, as the trail shows it: {@code file:line}. */
    public String location() {
        return file + ":" + line;
    }
}
