package cn.panzhihua.scoring.rulebook;

/**
 * A compiled rule as the catalogue and the trail show it: its name, its metadata and where it is
 * written. {@code findingCode} and {@code channel} are set on rules that serve a sub-finding or a channel;
 * {@code unreachable} on a rule that says why no scenario can fire it; {@code quotes} ("channels",
 * "tiers") on a rule that applies every row of that table and whose trail entries quote the row,
 * {@code level} on such a rule that applies only the rows of one adoption level.
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
