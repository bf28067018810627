package cn.panzhihua.scoring.console;

import cn.panzhihua.scoring.security.Roles;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The console's main menu, and who it is offered to: a person sees only the parts their roles open
 * (issue 19 §4), so nobody is led to a page that answers "没有权限". The roles here are those the pages
 * require; {@code ConsoleMenuTest} signs in as each role and checks that every entry shown opens and
 * every entry left out refuses. A visitor not signed in sees the whole menu: each part asks for a login.
 */
public final class ConsoleMenu {

    /** One menu entry: {@code key} is what a page's {@link Chrome#nav()} names to mark it current. */
    public record Entry(String key, String href, String label, Set<String> roles) {
    }

    static final List<Entry> ENTRIES = List.of(
            new Entry("evaluations", "/console/evaluations", "考评记录", Set.of(Roles.AUDITOR)),
            new Entry("reports", "/console/reports", "考核通报", Set.of(Roles.AUDITOR)),
            new Entry("rulebooks", "/console/rulebooks", "规则集", Set.of(Roles.RULE_AUTHOR, Roles.AUDITOR, Roles.EVALUATOR)),
            new Entry("impact", "/console/impact", "影响分析", Set.of(Roles.RULE_AUTHOR, Roles.AUDITOR)),
            new Entry("campaigns", "/console/campaigns", "考核年度", Set.of(Roles.EVALUATOR, Roles.AUDITOR, Roles.UNIT, Roles.SUPERVISOR)),
            new Entry("adoptions", "/console/adoptions", "采用通报", Set.of(Roles.EVALUATOR, Roles.AUDITOR)),
            new Entry("chain", "/console/chain", "记录链校验", Set.of(Roles.AUDITOR)));

    private ConsoleMenu() {
    }

    /** The entries a person with these roles may open; all of them for a visitor not signed in. */
    static List<Entry> offered(boolean signedIn, Predicate<String> hasRole) {
        if (!signedIn) {
            return ENTRIES;
        }
        return ENTRIES.stream().filter(e -> e.roles().stream().anyMatch(hasRole)).toList();
    }

}
